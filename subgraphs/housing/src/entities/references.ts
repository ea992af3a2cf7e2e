import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A resident as housing refers to them (owner, tenant, landlord); population owns their fields. */
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
