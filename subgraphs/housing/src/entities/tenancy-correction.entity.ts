import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 更正记录: one correction housing made to its own tenancy (纠错回流), before and after, kept append-only next to the
 * record and written in the same transaction as the correction itself.
 */
@Entity({ tableName: 'tenancy_correction' })
export class TenancyCorrection {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'bigint' })
  tenancyId: string;

  @Property({ type: 'string', length: 24, nullable: true })
  correctionRequestId: string | null;

  @Property({ type: 'json' })
  before: Record<string, unknown>;

  @Property({ type: 'json' })
  after: Record<string, unknown>;

  @Property({ type: 'text', nullable: true })
  reason: string | null;

  @Property({ type: 'string', length: 64 })
  correctedBy: string;

  @Property({ type: 'timestamptz' })
  correctedAt: Date;
}
