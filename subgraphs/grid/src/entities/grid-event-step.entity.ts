import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One transition of an event, append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ tableName: 'grid_event_step' })
export class GridEventStepRow {
  @PrimaryKey({ type: 'string', columnType: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'string', columnType: 'bigint' })
  eventId: string;

  @Property({ type: 'string', length: 20 })
  action: string;

  @Property({ type: 'string', length: 12, nullable: true })
  fromStatus: string | null;

  @Property({ type: 'string', length: 12 })
  toStatus: string;

  @Property({ type: 'string', length: 64 })
  actorSub: string;

  @Property({ type: 'string', length: 64 })
  actorName: string;

  @Property({ type: 'string', length: 20 })
  actorDepartment: string;

  @Property({ type: 'string', length: 16 })
  actorRole: string;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date;

  @Property({ type: 'string', length: 2000, nullable: true })
  note: string | null;

  @Property({ type: 'json', nullable: true })
  beforeState: Record<string, unknown> | null;

  @Property({ type: 'json' })
  afterState: Record<string, unknown>;
}
