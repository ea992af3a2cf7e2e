import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'household' })
@ObjectType({ description: '户: a registered household (户籍) and its members' })
@Directive('@key(fields: "id")')
export class Household {
  @PrimaryKey({ type: 'string', length: 16 })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', columnType: 'char(9)' })
  @Field(() => String, { nullable: true, description: '户号' })
  householdNumber: string;

  @Property({ type: 'string', length: 12 })
  @Field(() => String, { nullable: true, description: '户籍地 (GB/T 2260 / community code)' })
  hukouRegionCode: string;

  @Property({ type: 'string', length: 16, nullable: true })
  dwellingId: string | null;

  @Property({ type: 'string', length: 15, nullable: true })
  gridCode: string | null;

  @Property({ type: 'date' })
  registeredOn: string;
}
