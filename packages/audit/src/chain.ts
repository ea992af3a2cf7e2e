import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface StoredAccessEvent {
  id: string;
  at: string; // YYYY-MM-DDTHH:MM:SS.mmmZ
  request_id: string;
  user_sub: string;
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

/** The same canonical form audit_append hashes (fields joined by U+001F). */
export function eventHash(previous: string, event: StoredAccessEvent): string {
  const canonical = [
    previous, event.at, event.request_id, event.user_sub, event.department, event.role, event.purpose,
    event.case_id ?? '', event.subject_person_id ?? '', [...event.field_classes].sort().join(','), event.outcome,
  ].join('\u001f');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ChainVerdict {
  rows: number;
  ok: boolean;
  /** The first row that does not verify, and why. */
  broken?: { id: string; reason: string };
}

/** Walks rows in id order: each must link to the previous hash and hash to its own content. */
export function verifyRows(rows: Iterable<StoredAccessEvent>, state = { previous: GENESIS_HASH, rows: 0 }): ChainVerdict {
  for (const row of rows) {
    state.rows++;
    if (row.prev_hash !== state.previous) return { rows: state.rows, ok: false, broken: { id: row.id, reason: 'does not link to the previous row (a row was removed or reordered)' } };
    if (eventHash(row.prev_hash, row) !== row.hash) return { rows: state.rows, ok: false, broken: { id: row.id, reason: 'content does not match its hash (the row was altered)' } };
    state.previous = row.hash;
  }
  return { rows: state.rows, ok: true };
}
