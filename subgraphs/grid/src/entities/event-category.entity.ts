import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';

/** One dated row of the event-category code table (事项清单): a changed name or SLA is a new row, never an edit. */
@Entity({ tableName: 'event_category' })
@ObjectType({ description: '事件类别: one dated row of the configurable event-category code table with its SLA hours per priority' })
export class EventCategory {
  @PrimaryKey({ type: 'number', autoincrement: true })
  id: number;

  @Property({ type: 'string', length: 8 })
  @Field(() => String, { description: 'XX00 main class, XXYY sub-class (disputes follow GB/T 31000 矛盾纠纷事件类型)' })
  code: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String)
  name: string;

  @Property({ type: 'string', length: 8, nullable: true })
  @Field(() => String, { nullable: true, description: 'The main class of a sub-class' })
  parentCode: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: 'The department events of this category usually go to (a suggestion for the dispatcher)' })
  defaultDepartment: string | null;

  @Property({ type: 'decimal', precision: 8, scale: 3, runtimeType: 'number' })
  @Field(() => Float, { description: 'Hours from dispatch to deadline at priority NORMAL (一般)' })
  slaHoursNormal: number;

  @Property({ type: 'decimal', precision: 8, scale: 3, runtimeType: 'number' })
  @Field(() => Float, { description: 'Hours at priority URGENT (紧急)' })
  slaHoursUrgent: number;

  @Property({ type: 'decimal', precision: 8, scale: 3, runtimeType: 'number' })
  @Field(() => Float, { description: 'Hours at priority CRITICAL (特急)' })
  slaHoursCritical: number;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'YYYY-MM-DD, first day (China) the row applies' })
  validFrom: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, first day it no longer applies (null: still valid)' })
  validTo: string | null;
}
