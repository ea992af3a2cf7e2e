import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A grid as public security knows it: its code; public security adds how many there need attention. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Grid {
  @Field(() => String)
  code: string;
}

/**
 * The grid center's discrepancy report for one region and date (owned by grid). Public security states its
 * registrations and decides the vehicle and unregistered-tenant kinds from what civil affairs, housing and
 * population state (@requires).
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

  /** Housing's current tenancies whose tenant population has as FLOATING and living (JSON). */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  floatingTenants?: string | null;
}
