import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AssistanceApplication } from './assistance-application.entity';

@ObjectType({ description: '家庭经济状况核对 result: derived facts about an application\'s household, not the records behind them' })
export class SubsistenceCheck {
  @Field(() => AssistanceApplication, { nullable: true })
  application: AssistanceApplication | null;

  @Field(() => Boolean)
  eligible: boolean;

  @Field(() => [String], { description: 'Machine codes, e.g. INCOME_ABOVE_STANDARD, EXCESS_DWELLINGS, NON_EXEMPT_VEHICLE, MEMBER_DECEASED' })
  reasons: string[];

  @Field(() => Int)
  memberCount: number;

  @Field(() => Float)
  perCapitaMonthlyIncome: number;

  @Field(() => Float, { description: 'The local standard that was applied' })
  standardMonthly: number;

  @Field(() => Int)
  ownedDwellingCount: number;

  @Field(() => Int)
  nonExemptVehicleCount: number;

  @Field(() => String)
  checkedAt: string;
}
