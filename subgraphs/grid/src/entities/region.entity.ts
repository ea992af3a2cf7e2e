import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

export const REGION_LEVELS = ['DISTRICT', 'STREET', 'COMMUNITY'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

@Entity({ tableName: 'region' })
@ObjectType({ description: '行政区划: a district (区县), street/town (乡镇街道) or community (社区/村)' })
export class Region {
  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => String, { description: 'GB/T 2260 / 统计用区划代码: 6, 9 or 12 digits' })
  code: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true })
  name: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'DISTRICT | STREET | COMMUNITY' })
  level: RegionLevel;

  @Property({ type: 'string', length: 12, nullable: true })
  @Field(() => String, { nullable: true })
  parentCode: string | null;
}
