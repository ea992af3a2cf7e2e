import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';

@Entity({ tableName: 'grid' })
@ObjectType({ description: '网格: a grid within a community, the unit of grid-based service' })
@Directive('@key(fields: "code")')
export class Grid {
  @PrimaryKey({ type: 'string', columnType: 'char(15)' })
  @Field(() => String, { description: '15 digits: the 12-digit community code + a 3-digit grid number' })
  code: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true })
  name: string;

  @Property({ type: 'string', columnType: 'char(12)' })
  @Field(() => String, { nullable: true, description: 'The community (社区/村) the grid belongs to' })
  regionCode: string;
}
