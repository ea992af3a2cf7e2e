import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A grid as civil affairs knows it: its code; civil affairs adds how many receive assistance there. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Grid {
  @Field(() => String)
  code: string;
}

/**
 * The grid center's discrepancy report for one region and date (owned by grid). Civil affairs states its 低保
 * households and decides DECEASED_WITH_ACTIVE_ASSISTANCE from the deaths population states (@requires).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class DiscrepancyReport {
  @Field(() => ID)
  id: string;

  /** Population's deaths in the region: JSON [{personId, householdId, deathDate, gridCode}]. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  deceasedResidents?: string | null;
}
