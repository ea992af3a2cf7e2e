import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DiscrepancyRecord } from './discrepancy.type';

export const CORRECTION_STATUSES = ['RAISED', 'ACCEPTED', 'REJECTED'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/**
 * 纠错回流: a discrepancy the grid center sent back to the department whose record it judged wrong. The grid center
 * keeps only the request and its answer; the record itself is corrected by its owner through its own mutation.
 */
@Entity({ tableName: 'correction_request' })
@ObjectType({ description: '纠错单: a discrepancy raised by the grid center to the department that owns the record judged wrong' })
export class CorrectionRequest {
  @PrimaryKey({ type: 'string', length: 24 })
  @Field(() => ID)
  id: string;

  /** The discrepancy's identity: kind and the records it names (stable while the disagreement lasts). */
  @Property({ type: 'text' })
  discrepancyKey: string;

  @Property({ type: 'string', length: 48 })
  @Field(() => String, { nullable: true, description: 'The discrepancy kind, e.g. FLOATING_REGISTERED_ELSEWHERE' })
  kind: string;

  @Property({ type: 'string', columnType: 'char(15)' })
  @Field(() => String, { nullable: true, description: 'Grid (15 digits) of the discrepancy: where the request belongs (jurisdiction)' })
  gridCode: string;

  @Property({ type: 'string', length: 25, nullable: true })
  personId: string | null;

  @Property({ type: 'json' })
  @Field(() => [DiscrepancyRecord], { nullable: true, description: 'Every record the discrepancy names, of each department' })
  records: DiscrepancyRecord[];

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { nullable: true, description: 'The department asked to correct its record (the side judged wrong)' })
  targetDepartment: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => String, { nullable: true, description: "The target department's record judged wrong: its type, e.g. FloatingRegistration, Tenancy" })
  recordType: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => ID, { nullable: true, description: "The target department's record judged wrong: its id there" })
  recordId: string;

  @Property({ type: 'text' })
  @Field(() => String, { nullable: true, description: 'What the grid center proposes to correct, in words' })
  proposedCorrection: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'RAISED (waiting for the department) | ACCEPTED (corrected) | REJECTED (disputed, with a reason)' })
  status: CorrectionStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The department's answer: what it corrected (accepted) or why not (rejected)" })
  answer: string | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true, description: 'Who raised it (the user id of the token)' })
  raisedBy: string;

  /** Served as ISO 8601 by the resolver. */
  @Property({ type: 'timestamptz' })
  raisedAt: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who answered it' })
  resolvedBy: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { nullable: true, description: 'Bumped by every answer; an answer names the version it saw (a stale one gets CONFLICT)' })
  version: number;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '走访日期 (YYYY-MM-DD) of a change a grid worker found on a visit; null for a discrepancy' })
  visitedOn: string | null = null;

  /** Served as JSON text by the resolver. */
  @Property({ type: 'json', nullable: true })
  proposal: Record<string, unknown> | null = null;
}

/** One step of a correction request, never updated or deleted (the table refuses it): the before and after of each write. */
@Entity({ tableName: 'correction_request_history' })
@ObjectType({ description: 'One step of a correction request: who did what, when, and the request before and after' })
export class CorrectionRequestStep {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'string', length: 24 })
  requestId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { nullable: true, description: 'The version the step produced' })
  version: number;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { nullable: true, description: 'RAISED | ACCEPTED | REJECTED' })
  action: CorrectionStatus;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { nullable: true })
  actor: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { nullable: true, description: "The actor's department" })
  actorDepartment: string;

  /** When, and the request before and after the step: served as ISO 8601 and JSON by the resolver. */
  @Property({ type: 'timestamptz' })
  at: Date;

  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null;

  @Property({ type: 'json' })
  after: Record<string, unknown>;
}
