import { PageInfo } from '@hub/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { AssistanceApplication } from './assistance-application.entity';

@ObjectType()
export class AssistanceApplicationConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [AssistanceApplication])
  nodes: AssistanceApplication[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
