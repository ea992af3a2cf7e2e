import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@Entity({ tableName: 'assistance_record' })
@ObjectType({ description: '社会救助: one assistance benefit a person receives (低保, 特困供养, 临时救助, 残疾人补贴)' })
export class AssistanceRecord {
  @PrimaryKey({ type: new BigIntType('string') })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 25 })
  personId: string;

  @Property({ type: 'string', length: 16, nullable: true })
  householdId: string | null;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { nullable: true, description: 'DIBAO | TEKUN | LINSHI | CANJI_SHENGHUO | CANJI_HULI' })
  kind: string;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: 'Monthly amount in 元' })
  monthlyAmount: number;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while open-ended' })
  endOn: string | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'ACTIVE (在保) | SUSPENDED (暂停) | ENDED (终止)' })
  status: string;

  @Property({ type: 'string', columnType: 'char(15)', nullable: true })
  gridCode: string | null;

  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { nullable: true, description: "The record's version: ending the benefit sends the version it saw (expectedVersion)" })
  version: number = 1;
}
