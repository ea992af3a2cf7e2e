import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The types other departments own, as this department knows them: their key, the fields it adds resolvers for
// elsewhere, and the facts it needs brought along (@external). Each department's one file of federation stubs.

/** A resident as housing refers to them (owner, tenant, landlord); population owns their fields. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;

  /** Where the person lives and their household, as population states it (see @hub/access scope). */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  accessScope?: string | null;
}

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
