import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'vehicle' })
@ObjectType({ description: '机动车 registered to a person' })
export class Vehicle {
  @PrimaryKey({ type: 'string', length: 20 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: '号牌号码' })
  plateNumber: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '号牌种类 (GA 24.7: 01 大型汽车, 02 小型汽车, 07 普通摩托车, 51/52 新能源)' })
  plateType: string;

  @Property({ type: 'string', length: 4 })
  @Field(() => String, { nullable: true, description: '车辆类型 (GA 24.4, e.g. K33 小型轿车)' })
  vehicleType: string;

  @Property({ type: 'string', length: 25 })
  ownerPersonId: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { nullable: true, description: 'Exempt from the 低保 property rule (e.g. 残疾人功能性补偿代步机动车)' })
  exempt: boolean;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the vehicle is exempt' })
  exemptReason: string | null;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  registeredOn: string;
}
