import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The types other departments own, as this department knows them: their key, the fields it adds resolvers for
// elsewhere, and the facts it needs brought along (@external). Each department's one file of federation stubs.

/** A person as public security knows them: only the key; public security adds registration, vehicles, key-person status. */
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

/** A dwelling as a registration refers to it; housing owns its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Dwelling {
  @Field(() => ID)
  id: string;
}

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
