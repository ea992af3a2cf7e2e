import { PageInfo } from '@hub/subgraph-kit';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Person } from './person.entity';

@ObjectType()
export class PersonConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [Person])
  nodes: Person[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType()
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Region (6/9/12 digits) or grid code (15 digits) prefix of the residence' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'Name, or its beginning' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'REGISTERED | FLOATING | FOREIGN' })
  populationType?: string;
}

@ObjectType({ description: 'A member of a household with their GB/T 4761 relation to the head' })
export class HouseholdMember {
  @Field(() => Person, { nullable: true })
  person: Person;

  @Field(() => String, { nullable: true, description: '与户主关系 (GB/T 4761)' })
  relationToHead: string | null;

  @Field(() => Boolean, { nullable: true, description: '共同生活: lives with the household' })
  livesWithHousehold: boolean;
}
