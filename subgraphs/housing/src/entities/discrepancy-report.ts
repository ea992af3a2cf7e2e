import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The grid center's discrepancy report for one region and date (owned by grid). Housing states its current
 * tenancies and decides ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS from the 低保 households civil affairs states (@requires).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class DiscrepancyReport {
  @Field(() => ID)
  id: string;

  /** Civil affairs' 低保 households in the region with their members and the property rules in force (JSON). */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  assistanceHouseholds?: string | null;
}
