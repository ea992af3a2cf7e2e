import { DecimalType, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { Dwelling } from './dwelling.entity';

@Entity({ tableName: 'ownership' })
@ObjectType({ description: "产权: a registered owner's share of a dwelling" })
export class Ownership {
  @PrimaryKey({ type: 'bigint' })
  id: string;

  @ManyToOne(() => Dwelling, { fieldName: 'dwelling_id' })
  dwelling: Dwelling;

  @Property({ type: 'string', length: 25 })
  ownerPersonId: string;

  /** numeric(5,4), 0 < share ≤ 1. */
  @Property({ type: new DecimalType('number'), columnType: 'numeric(5,4)' })
  @Field(() => Float, { nullable: true, description: 'Share of the dwelling, 0 < share ≤ 1' })
  share: number;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: '登记日期 YYYY-MM-DD' })
  registeredOn: string;
}
