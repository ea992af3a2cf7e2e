import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A person as civil affairs knows them: only the key; civil affairs adds assistance, disability and income. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;
}

/** A household as an application refers to it; population owns its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID)
  id: string;
}
