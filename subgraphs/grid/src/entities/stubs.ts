import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The types other departments own, as this department knows them: their key, the fields it adds resolvers for
// elsewhere, and the facts it needs brought along (@external). Each department's one file of federation stubs.

/** A dwelling as the grid centre knows it: grid adds the grid it is assigned to; housing owns the rest. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Dwelling {
  @Field(() => ID)
  id: string;
}

/** A resident as the grid centre knows them: their grid follows from their residence (owned by population). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;

  /** Where the person lives and their household, as population states it (see @hub/access scope). */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  accessScope?: string | null;

  @Field(() => Dwelling, { nullable: true })
  @Directive('@external')
  residence?: Dwelling | null;
}

/** A household a discrepancy names; population owns it. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID)
  id: string;
}
