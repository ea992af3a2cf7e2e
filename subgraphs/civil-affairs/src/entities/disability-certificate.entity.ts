import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

@Entity({ tableName: 'disability_certificate' })
@ObjectType({ description: '残疾人证' })
export class DisabilityCertificate {
  @PrimaryKey({ type: new BigIntType('string') })
  id: string;

  @Property({ type: 'string', length: 25 })
  personId: string;

  @Property({ type: 'string', length: 24 })
  @Field(() => String, { nullable: true, description: '残疾人证号' })
  certificateNumber: string;

  @Property({ type: 'string', columnType: 'char(1)' })
  @Field(() => String, { nullable: true, description: '残疾类别 (GB/T 26341: 1 视力 … 7 多重)' })
  category: string;

  @Property({ type: 'string', columnType: 'char(1)' })
  @Field(() => String, { nullable: true, description: '残疾等级 1–4 (一级最重)' })
  level: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  issuedOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when valid indefinitely' })
  validUntil: string | null;
}
