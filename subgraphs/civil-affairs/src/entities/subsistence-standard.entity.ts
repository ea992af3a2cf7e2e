import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';

@Entity({ tableName: 'subsistence_standard' })
@ObjectType({ description: '低保标准: a dated local standard and property rules (set by the province or city, 社会救助暂行办法 Art. 10)' })
export class SubsistenceStandard {
  @PrimaryKey({ type: new BigIntType('string') })
  id: string;

  @Property({ type: 'string', length: 12 })
  @Field(() => String, { nullable: true, description: 'Region the standard applies to (GB/T 2260 code prefix)' })
  regionCode: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  effectiveFrom: string;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: '元 per person per month' })
  monthlyStandard: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { nullable: true, description: 'Most dwellings a household may own' })
  dwellingLimit: number;

  @Property({ type: 'string', length: 32 })
  @Field(() => String, { nullable: true, description: 'Vehicle rule, e.g. NO_NON_EXEMPT_VEHICLE' })
  vehicleRule: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { nullable: true, description: 'Income is the mean of this many latest declared months' })
  incomeMonths: number;

  @Property({ type: 'string', length: 32 })
  @Field(() => String, { nullable: true, description: 'Version label of this configuration row' })
  version: string;
}
