import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@Entity({ tableName: 'person' })
@ObjectType({ description: '实有人口: a resident as the population register knows them' })
@Directive('@key(fields: "id")')
export class Person {
  @PrimaryKey({ type: 'string', length: 25 })
  @Field(() => ID, { description: 'Stable pseudonymous key (a keyed hash of the ID number), never the ID number' })
  id: string;

  @Property({ type: 'string', columnType: 'char(18)', unique: true })
  @Field(() => String, { nullable: true, description: '公民身份号码 (GB 11643)' })
  idNumber: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true, description: '姓名' })
  name: string;

  @Property({ type: 'string', columnType: 'char(1)' })
  @Field(() => String, { nullable: true, description: '性别 (GB/T 2261.1: 1 男, 2 女)' })
  gender: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: '出生日期 YYYY-MM-DD' })
  birthDate: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '民族 (GB/T 3304)' })
  ethnicity: string;

  @Property({ type: 'string', length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: '联系方式' })
  phone: string | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'REGISTERED | FLOATING | FOREIGN' })
  populationType: string;

  @Property({ type: 'string', length: 12 })
  @Field(() => String, { nullable: true, description: '户籍地 (GB/T 2260)' })
  hukouRegionCode: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '死亡日期' })
  deathDate: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  householdId: string | null;

  @Property({ type: 'string', columnType: 'char(2)', nullable: true })
  relationToHead: string | null;

  @Property({ type: 'boolean' })
  livesWithHousehold: boolean;

  @Property({ type: 'string', length: 16, nullable: true })
  residenceDwellingId: string | null;

  @Property({ type: 'string', length: 15, nullable: true })
  residenceGridCode: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Living at the residence since' })
  residenceSince: string | null;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: "The record's version: a registration write (迁移, 死亡) sends the version it saw (expectedVersion)" })
  version: number = 1;
}
