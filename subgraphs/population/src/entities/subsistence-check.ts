import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Civil affairs' 家庭经济状况核对, to which population contributes the household checked: its registered
 * members, relations, 共同生活 and deaths, from the key civil affairs gives. Civil affairs decides.
 */
@ObjectType({ description: "家庭经济状况核对 result: derived facts about an application's household, not the records behind them" })
@Directive('@key(fields: "id householdId")')
export class SubsistenceCheck {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  householdId: string;
}
