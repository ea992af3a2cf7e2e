import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A person as civil affairs knows them: only the key; civil affairs adds assistance, disability and income. */
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

/** A household as an application refers to it; population owns its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID)
  id: string;
}
