import { PageInfo } from '@hub/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Dwelling } from './stubs';

@ObjectType()
export class DwellingConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [Dwelling])
  nodes: Dwelling[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
