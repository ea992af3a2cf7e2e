import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

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
