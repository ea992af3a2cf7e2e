import { Directive, Field, ID, ObjectType } from 'type-graphql';

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
