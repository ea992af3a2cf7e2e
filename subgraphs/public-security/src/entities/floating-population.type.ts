import { PageInfo } from '@hub/subgraph-kit';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FloatingRegistration } from './floating-registration.entity';

export enum FloatingPopulationOrder {
  ID = 'ID',
  PERMIT_EXPIRES_ON = 'PERMIT_EXPIRES_ON',
}

registerEnumType(FloatingPopulationOrder, {
  name: 'FloatingPopulationOrder',
  description: 'Order of a floatingPopulation page; every order is stable under its cursor (keyset on the sort key and the id)',
  valuesConfig: {
    ID: { description: 'Registration id (the default)' },
    PERMIT_EXPIRES_ON: { description: '证件到期日期, earliest first (whose permit is about to lapse); registrations without an expiry last, ties by id' },
  },
});

@ObjectType()
export class FloatingPopulationConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [FloatingRegistration])
  nodes: FloatingRegistration[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType({ description: "Narrows the ACTIVE floating-population registrations within the caller's jurisdiction" })
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

  @Field(() => String, { nullable: true, description: '房东公民身份号码 (GB 11643, check digit verified) as recorded at registration' })
  landlordIdNumber?: string;

  @Field(() => String, { nullable: true, description: '姓名 as recorded at registration, or its beginning: "张" finds every 张…, "张伟" finds 张伟 and 张伟明' })
  name?: string;
}
