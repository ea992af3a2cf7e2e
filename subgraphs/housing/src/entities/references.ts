import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A resident as housing refers to them (owner, tenant, landlord); population owns their fields. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;
}
