import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { REQUIRES_HOUSEHOLD_FACTS } from '@hub/facts';
import { AssistanceApplication } from './assistance-application.entity';
import { Household } from './stubs';

@ObjectType({ description: 'Where one fact of a 核对 came from: the department, the record or field, and as of when' })
export class CheckFactProvenance {
  @Field(() => String)
  fact: string;

  @Field(() => String, { description: 'POPULATION | HOUSING | PUBLIC_SECURITY | CIVIL_AFFAIRS' })
  department: string;

  @Field(() => String)
  source: string;

  @Field(() => String, { description: 'When the department supplied it, or the period it covers' })
  asOf: string;

  @Field(() => String)
  value: string;
}

/**
 * The entity is shared with population, which contributes `household` (its members) from the key; housing and
 * public security add their facts to the members; civil affairs then decides with all of them (@requires).
 */
@ObjectType({ description: "家庭经济状况核对 result: derived facts about an application's household, not the records behind them" })
@Directive('@key(fields: "id householdId")')
export class SubsistenceCheck {
  @Field(() => ID, { description: 'The kept 核对报告 (report) id' })
  id: string;

  @Field(() => ID, { description: 'The household (户) checked; empty when the check was not run' })
  householdId: string;

  @Field(() => AssistanceApplication, { nullable: true })
  application: AssistanceApplication | null;

  @Field(() => Household, { nullable: true })
  @Directive('@external')
  household?: Household | null;

  @Field(() => Boolean)
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  eligible: boolean;

  @Field(() => [String], {
    description:
      'Machine codes, e.g. INCOME_ABOVE_STANDARD, EXCESS_DWELLINGS, NON_EXEMPT_VEHICLE, MEMBER_DECEASED; ' + 'CASE_NOT_OPEN or FACTS_UNAVAILABLE_<DEPARTMENT> when the check could not be completed',
  })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  reasons: string[];

  @Field(() => Int, { description: 'Living members who live with the household (共同生活)' })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  memberCount: number;

  @Field(() => Float)
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  perCapitaMonthlyIncome: number;

  @Field(() => Float, { description: 'The local standard that was applied' })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  standardMonthly: number;

  @Field(() => Int, { description: "Distinct dwellings owned by the household's registered members" })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  ownedDwellingCount: number;

  @Field(() => Int)
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  nonExemptVehicleCount: number;

  @Field(() => String)
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  checkedAt: string;

  @Field(() => String, { description: "Who ran the check (the token's sub), as the kept 核对报告 records it" })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  checkedBy: string;

  @Field(() => String, { description: 'Version of the dated rules (standard, dwelling limit, vehicle rule) applied' })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  ruleVersion: string;

  @Field(() => [String], { description: 'The declared-income months used, YYYY-MM, oldest first' })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  incomeMonths: string[];

  @Field(() => [CheckFactProvenance], { description: 'Each fact used, with the department that supplied it' })
  @Directive(REQUIRES_HOUSEHOLD_FACTS)
  provenance: CheckFactProvenance[];
}
