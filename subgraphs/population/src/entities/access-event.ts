import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One audited access to a person\'s data, from the access log of the subgraph that served it' })
export class AccessEvent {
  @Field(() => String, { description: 'When (UTC, ISO 8601)' })
  at: string;

  @Field(() => String, { description: 'The subgraph whose log recorded it' })
  subgraph: string;

  @Field(() => String, { nullable: true })
  requestId: string;

  @Field(() => String, { nullable: true })
  userId: string;

  @Field(() => String)
  department: string;

  @Field(() => String, { nullable: true })
  role: string;

  @Field(() => String, { nullable: true })
  purpose: string;

  @Field(() => String, { nullable: true })
  caseId: string | null;

  @Field(() => [String], { nullable: true })
  fieldClasses: string[];

  @Field(() => String, { nullable: true, description: 'CLEAR, MASKED, DERIVED, DENIED or OUT_OF_JURISDICTION' })
  outcome: string;
}
