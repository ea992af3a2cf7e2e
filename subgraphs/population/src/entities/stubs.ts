import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The types other departments own, as this department knows them: their key, the fields it adds resolvers for
// elsewhere, and the facts it needs brought along (@external). Each department's one file of federation stubs.

/** A dwelling as population refers to it (a person's residence); housing owns its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Dwelling {
  @Field(() => ID)
  id: string;
}

/** A grid as population knows it: population adds the residents living in it. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Grid {
  @Field(() => String)
  code: string;
}

/**
 * The grid center's discrepancy report for one region and date (owned by grid). Population states the deaths it
 * records and decides the kinds where it holds one side, from the facts the gateway brings (@requires).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class DiscrepancyReport {
  @Field(() => ID)
  id: string;

  /** Public security's ACTIVE registrations in the region: JSON [{registrationId, personId, dwellingId}]. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  floatingRegistrations?: string | null;

  /** Public security's ACTIVE registrations whose permit has lapsed: JSON [{registrationId, personId, reason}]. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  lapsedRegistrations?: string | null;

  /** Housing's current tenancies in the region: JSON [{tenancyId, personId, dwellingId}]. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  currentTenancies?: string | null;
}

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
