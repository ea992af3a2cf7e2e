import { DecimalType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@Entity({ tableName: 'dwelling' })
@ObjectType({ description: '实有房屋: a dwelling at a standard address' })
@Directive('@key(fields: "id")')
export class Dwelling {
  @PrimaryKey({ type: 'string', length: 16 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 24, unique: true })
  @Field(() => String, { nullable: true, description: '标准地址编码' })
  addressCode: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { nullable: true, description: '房屋地址' })
  address: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { name: 'use', nullable: true, description: '建筑用途 (GB/T 31000): 01 住宅, 02 商业, 03 办公, 04 工业, 05 仓储, 06 商住混用, 99 其他' })
  buildingUse: string;

  /** numeric(8,2); read as a JS number so GraphQL Float gets a number. */
  @Property({ type: new DecimalType('number'), columnType: 'numeric(8,2)' })
  @Field(() => Float, { nullable: true, description: '建筑面积 (m²)' })
  area: number;

  @Property({ type: 'string', columnType: 'char(12)' })
  @Field(() => String, { nullable: true, description: 'Community (社区/村) code of the address' })
  regionCode: string;

  /** Housing's copy of the grid; the grid subgraph owns Dwelling.grid. */
  @Property({ type: 'string', columnType: 'char(15)', nullable: true })
  gridCode: string | null;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: "The record's version: 产权转移登记 sends the version it saw (expectedVersion)" })
  version: number = 1;
}
