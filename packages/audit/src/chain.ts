import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface StoredAccessEvent {
  id: string;
  at: string; // YYYY-MM-DDTHH:MM:SS.mmmZ
  request_id: string;
  user_sub: string;
  /** The caller's display name (rows written before it was recorded have none; then it is not hashed). */
  user_name?: string | null;
  department: string;
  role: string;
  purpose: string;
  case_id: string | null;
  subject_person_id: string | null;
  field_classes: string[];
  outcome: string;
  prev_hash: string;
  hash: string;
}

/**
 * The same canonical form audit_append hashes (fields joined by U+001F). The user's name follows the outcome when
 * the row has one: rows written before names were recorded hash exactly as they did.
 */
export function eventHash(previous: string, event: StoredAccessEvent): string {
  const parts = [
    previous,
    event.at,
    event.request_id,
    event.user_sub,
    event.department,
    event.role,
    event.purpose,
    event.case_id ?? '',
    event.subject_person_id ?? '',
    [...event.field_classes].sort().join(','),
    event.outcome,
  ];
  if (event.user_name) parts.push(event.user_name);
  return createHash('sha256').update(parts.join('\u001f'), 'utf8').digest('hex');
}

/**
 * Why a row breaks the chain: it does not link to the row before it, or its content no longer matches its hash.
 * Against signed checkpoints (`npm run audit:verify`, ADR 0017) also: a checkpointed row's hash is not the one that
 * was signed (the log was rewritten and re-hashed), or a checkpointed row is gone.
 */
export type ChainBreak = 'UNLINKED' | 'ALTERED' | 'REWRITTEN' | 'MISSING';

export const CHAIN_BREAK_REASONS: Record<ChainBreak, string> = {
  UNLINKED: 'does not link to the previous row (a row was removed or reordered)',
  ALTERED: 'content does not match its hash (the row was altered)',
  REWRITTEN: 'hash differs from the signed checkpoint of this row (the log was rewritten and its hashes recomputed)',
  MISSING: 'a row with a signed checkpoint is gone (rows were removed)',
};

export interface ChainVerdict {
  rows: number;
  ok: boolean;
  /** The first row that does not verify: its id, its position in the chain (1 = the first row), and why. */
  broken?: { id: string; position: number; code: ChainBreak; reason: string };
}

/** Walks rows in id order: each must link to the previous hash and hash to its own content. */
export function verifyRows(rows: Iterable<StoredAccessEvent>, state = { previous: GENESIS_HASH, rows: 0 }): ChainVerdict {
  const broken = (row: StoredAccessEvent, code: ChainBreak): ChainVerdict => ({ rows: state.rows, ok: false, broken: { id: row.id, position: state.rows, code, reason: CHAIN_BREAK_REASONS[code] } });
  for (const row of rows) {
    state.rows++;
    if (row.prev_hash !== state.previous) return broken(row, 'UNLINKED');
    if (eventHash(row.prev_hash, row) !== row.hash) return broken(row, 'ALTERED');
    state.previous = row.hash;
  }
  return { rows: state.rows, ok: true };
}
