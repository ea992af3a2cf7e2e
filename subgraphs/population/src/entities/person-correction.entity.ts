import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * 更正记录: one correction population made to its own person record (纠错回流), before and after, kept append-only
 * next to the record and written in the same transaction as the correction itself.
 */
@Entity({ tableName: 'person_correction' })
@ObjectType({ description: '更正记录: a correction population made to its own person record, before and after' })
export class PersonCorrection {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', length: 25 })
  @Field(() => ID, { nullable: true, description: 'The person corrected (pseudonymous key)' })
  personId: string;

  @Property({ type: 'string', length: 24, nullable: true })
  @Field(() => ID, { nullable: true, description: "The grid center's correction request it answers, if any" })
  correctionRequestId: string | null;

  @Property({ type: 'json' })
  before: Record<string, unknown>;

  @Property({ type: 'json' })
  after: Record<string, unknown>;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason: string | null;

  @Property({ type: 'string', length: 64 })
  correctedBy: string;

  @Property({ type: 'timestamptz' })
  correctedAt: Date;
}
