import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';

@Entity({ tableName: 'income_declaration' })
@ObjectType({ description: 'A declared monthly income of one person from one source' })
export class IncomeDeclaration {
  @PrimaryKey({ type: new BigIntType('string') })
  id: string;

  @Property({ type: 'string', length: 25 })
  personId: string;

  /** The first day of the month (the column is a date). */
  @Property({ type: 'date', fieldName: 'month' })
  monthStart: string;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: 'Amount in 元' })
  amount: number;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { nullable: true, description: 'Income source, e.g. WAGE, PENSION, FARMING' })
  source: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM' })
  get month(): string {
    return this.monthStart.slice(0, 7);
  }
}
