import { PageInfo } from '@hub/subgraph-kit';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { FloatingRegistration } from './floating-registration.entity';

@ObjectType()
export class FloatingPopulationConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [FloatingRegistration])
  nodes: FloatingRegistration[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType({ description: 'Narrows the ACTIVE floating-population registrations within the caller\'s jurisdiction' })
export class FloatingPopulationFilter {
  @Field(() => String, { nullable: true, description: 'Region code prefix (6, 9 or 12 digits) of the residence grid' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'Grid code (15 digits) of the residence' })
  gridCode?: string;

  @Field(() => String, { nullable: true, description: '流入原因 (GB/T 31000)' })
  inflowReason?: string;

  @Field(() => String, { nullable: true, description: '住所类型 (GB/T 31000)' })
  residenceType?: string;

  @Field(() => String, { nullable: true, description: 'Registered strictly after this date (YYYY-MM-DD)' })
  registeredAfter?: string;

  @Field(() => String, { nullable: true, description: 'Registered strictly before this date (YYYY-MM-DD)' })
  registeredBefore?: string;

  @Field(() => String, { nullable: true, description: 'Permit expires strictly before this date (YYYY-MM-DD)' })
  permitExpiresBefore?: string;

  @Field(() => String, { nullable: true, description: 'Landlord\'s 公民身份号码 (needs housing data; not available yet)' })
  landlordIdNumber?: string;

  @Field(() => String, { nullable: true, description: 'Name or its beginning (needs population data; not available yet)' })
  name?: string;
}
