import { Directive, Field, ID, ObjectType } from 'type-graphql';

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
