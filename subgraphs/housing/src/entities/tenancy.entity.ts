import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Dwelling } from './dwelling.entity';

@Entity({ tableName: 'tenancy' })
@ObjectType({ description: '出租: a tenancy of a dwelling' })
export class Tenancy {
  @PrimaryKey({ type: 'bigint' })
  @Field(() => ID)
  id: string;

  @ManyToOne(() => Dwelling, { fieldName: 'dwelling_id' })
  dwelling: Dwelling;

  @Property({ type: 'string', length: 25 })
  tenantPersonId: string;

  @Property({ type: 'string', length: 25 })
  landlordPersonId: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '出租用途 (GB/T 31000): 01 宿舍, 02 住房, 03 商铺, 04 办公, 05 仓库, 06 厂房, 99 其他' })
  rentalUse: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while open-ended' })
  endOn: string | null;
}
