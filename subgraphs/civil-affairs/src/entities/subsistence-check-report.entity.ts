import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 核对报告: one kept 家庭经济状况核对 — the facts used, which department supplied each and when, the rule
 * version and the verdict. It is the only place civil affairs keeps other departments' facts: as evidence of
 * a decision, never as a register to look people up in.
 */
@Entity({ tableName: 'subsistence_check_report' })
export class SubsistenceCheckReport {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 20 })
  applicationId: string;

  @Property({ type: 'string', length: 16 })
  householdId: string;

  @Property({ type: 'datetime' })
  checkedAt: Date;

  /** The user (token `sub`) who ran the check, and the request it was part of. */
  @Property({ type: 'string', length: 64 })
  checkedBy: string;

  @Property({ type: 'string', length: 64 })
  requestId: string;

  @Property({ type: 'string', length: 32 })
  ruleVersion: string;

  @Property({ type: 'boolean' })
  eligible: boolean;

  @Property({ type: 'json' })
  reasons: string[];

  /** The verdict's figures, the members' facts and their provenance (see SubsistenceVerdict). */
  @Property({ type: 'json' })
  facts: unknown;
}
