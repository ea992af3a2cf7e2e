import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

export const GRID_EVENT_STATUSES = ['REPORTED', 'ACCEPTED', 'RETURNED', 'DISPATCHED', 'IN_PROGRESS', 'HANDLED', 'CLOSED', 'FOLLOWED_UP'] as const;
export type GridEventStatus = (typeof GRID_EVENT_STATUSES)[number];

/** 一般, 紧急, 特急: escalation (督办) raises one level. */
export const GRID_EVENT_PRIORITIES = ['NORMAL', 'URGENT', 'CRITICAL'] as const;
export type GridEventPriority = (typeof GRID_EVENT_PRIORITIES)[number];

/**
 * 网格事件: something a 网格员 found in the grid, on its way through the closed loop. The row is the current state;
 * grid_event_step keeps every transition with the state before and after.
 */
@Entity({ tableName: 'grid_event' })
@ObjectType({ description: '网格事件: an event reported in a grid, on its way from 上报 to 回访' })
@Directive('@key(fields: "id")')
export class GridEvent {
  @PrimaryKey({ type: 'string', columnType: 'bigint', autoincrement: true })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 8 })
  categoryCode: string;

  @Property({ type: 'string', length: 15 })
  @Field(() => String, { nullable: true, description: 'The 15-digit grid the event lies in' })
  gridCode: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { nullable: true, description: 'Where, in words' })
  address: string;

  @Property({ type: 'string', length: 16, nullable: true })
  dwellingId: string | null;

  @Property({ type: 'string', length: 2000 })
  @Field(() => String, { nullable: true, description: 'What was found' })
  description: string;

  @Property({ type: 'string[]', columnType: 'varchar(25)[]' })
  personIds: string[];

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'NORMAL 一般 | URGENT 紧急 | CRITICAL 特急' })
  priority: GridEventPriority;

  @Property({ type: 'string', length: 12 })
  @Field(() => String, { description: GRID_EVENT_STATUSES.join(' | ') })
  status: GridEventStatus;

  @Property({ type: 'string', length: 64 })
  reporterSub: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true, description: 'The 网格员 who reported it' })
  reporterName: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  reportedAt: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '退回 reason' })
  returnReason: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: 'The department it was dispatched to: POPULATION | HOUSING | PUBLIC_SECURITY' })
  assignedDepartment: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Property({ type: 'decimal', precision: 8, scale: 3, runtimeType: 'number', nullable: true })
  @Field(() => Float, { nullable: true, description: 'The SLA hours fixed at dispatch (category and priority)' })
  slaHours: number | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  deadline: Date | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  handledAt: Date | null;

  @Property({ type: 'string', length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'What the department did (处置结果)' })
  handlingResult: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  followedUpAt: Date | null;

  @Property({ type: 'number', columnType: 'smallint', nullable: true })
  @Field(() => Int, { nullable: true, description: '回访满意度 1–5' })
  satisfaction: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '回访 note' })
  followUpNote: string | null;

  @Property({ type: 'number' })
  @Field(() => Int, { nullable: true, description: 'How often it was escalated (督办)' })
  escalationCount: number;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'The latest 督办 instruction' })
  escalationNote: string | null;

  @Property({ type: 'number' })
  @Field(() => Int, { description: 'Every transition names the version it saw (expectedVersion); a stale one gets CONFLICT' })
  version: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt: Date;
}
