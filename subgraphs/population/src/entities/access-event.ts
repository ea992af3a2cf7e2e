import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One audited access to a person\'s data (filled by the access-control issue)' })
export class AccessEvent {
  @Field(() => String)
  at: string;

  @Field(() => String)
  department: string;

  @Field(() => String, { nullable: true })
  subgraph: string;

  @Field(() => String, { nullable: true })
  userId: string;

  @Field(() => String, { nullable: true })
  purpose: string;

  @Field(() => String, { nullable: true })
  caseId: string | null;

  @Field(() => [String], { nullable: true })
  fieldClasses: string[];

  @Field(() => String, { nullable: true })
  outcome: string;
}
