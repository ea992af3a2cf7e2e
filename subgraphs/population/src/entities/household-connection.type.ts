import { PageInfo } from '@hub/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Household } from './household.entity';

@ObjectType()
export class HouseholdConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [Household])
  nodes: Household[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
