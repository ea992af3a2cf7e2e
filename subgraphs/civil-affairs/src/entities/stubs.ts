import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

// The types other departments own, as this department knows them: their key, the fields it adds resolvers for
// elsewhere, and the facts it needs brought along (@external). Each department's one file of federation stubs.

/** A dwelling as a 核对 counts it: only its key (housing owns it). */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Dwelling {
  @Field(() => ID)
  id: string;
}

/**
 * A person as civil affairs knows them: only the key; civil affairs adds assistance, disability and income.
 * The external fields are the other departments' facts a 核对 needs, brought by the gateway (@requires).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;

  /** Where the person lives and their household, as population states it (see @hub/access scope). */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  accessScope?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  deathDate?: string | null;

  @Field(() => [Dwelling], { nullable: true })
  @Directive('@external')
  ownedDwellings?: Dwelling[] | null;

  @Field(() => Int, { nullable: true })
  @Directive('@external')
  nonExemptVehicleCount?: number | null;
}

/** A household member as population registers them (GB/T 4761 relation, 共同生活). */
@ObjectType()
export class HouseholdMember {
  @Field(() => Person, { nullable: true })
  @Directive('@external')
  person?: Person | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  relationToHead?: string | null;

  @Field(() => Boolean, { nullable: true })
  @Directive('@external')
  livesWithHousehold?: boolean | null;
}

/** A household as an application refers to it; population owns its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID)
  id: string;

  @Field(() => [HouseholdMember], { nullable: true })
  @Directive('@external')
  members?: HouseholdMember[] | null;
}

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
