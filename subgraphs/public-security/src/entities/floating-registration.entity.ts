import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@Entity({ tableName: 'floating_registration' })
@ObjectType({ description: '流动人口登记 (GB/T 31000) with the 居住证 it was issued' })
export class FloatingRegistration {
  @PrimaryKey({ type: 'string', length: 20 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 25 })
  personId: string;

  @Property({ type: 'string', length: 16, nullable: true })
  dwellingId: string | null;

  /** 姓名 as collected at registration; searched (`name` filter), not served: population owns Person.name. */
  @Property({ type: 'string', length: 64, nullable: true })
  registrantName: string | null;

  /** The 房东's person key as collected at registration (rented residences); served as `landlord`. */
  @Property({ type: 'string', length: 25, nullable: true })
  landlordPersonId: string | null;

  @Property({ type: 'string', columnType: 'char(15)', nullable: true })
  @Field(() => String, { nullable: true, description: 'Grid (15 digits) of the residence' })
  gridCode: string | null;

  @Property({ type: 'string', length: 12 })
  @Field(() => String, { nullable: true, description: '户籍地 (GB/T 2260)' })
  hukouRegionCode: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '流入原因 (GB/T 31000: 01 务工 … 99 其他)' })
  inflowReason: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '住所类型 (GB/T 31000: 01 自购房屋, 02 租赁房屋 … 99 其他)' })
  residenceType: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '办证类型 (GB/T 31000: 01 居住证, 02 暂住证, 99 其他)' })
  permitType: string;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: '证件号码' })
  permitNumber: string | null;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: '登记日期 YYYY-MM-DD' })
  registeredOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '证件到期日期 YYYY-MM-DD' })
  permitExpiresOn: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '最近签注日期 YYYY-MM-DD (居住证暂行条例 Art. 10: yearly)' })
  lastEndorsedOn: string | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'ACTIVE | CANCELLED' })
  status: string;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { nullable: true, description: "The registration's version: 签注/换领 and 注销 send the version they saw (expectedVersion)" })
  version: number = 1;
}
