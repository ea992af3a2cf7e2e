import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'key_person' })
@ObjectType({ description: '重点人员: a person in one of the GB/T 31000 特殊人群 classes under attention' })
export class KeyPersonRecord {
  @PrimaryKey({ type: 'string', length: 20 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 25 })
  personId: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => String, { nullable: true, description: 'RELEASED_PRISONER | COMMUNITY_CORRECTION | SEVERE_MENTAL_DISORDER | DRUG_USER | AIDS_RISK | KEY_YOUTH' })
  category: string;

  @Property({ type: 'string', columnType: 'char(2)' })
  @Field(() => String, { nullable: true, description: '关注程度 (GB/T 31000: 01 高, 02 中, 03 低)' })
  attentionLevel: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  registeredOn: string;

  @Property({ type: 'string', columnType: 'char(15)', nullable: true })
  gridCode: string | null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { nullable: true })
  active: boolean;
}
