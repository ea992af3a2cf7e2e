import type { Client } from 'pg';
import { accessLogSql } from './access-log.sql';
import type { ChainCheckpoint } from './checkpoints';

export interface PruneResult {
  /** The signed checkpoint the log now starts after, or null when no checkpoint is old enough. */
  through: ChainCheckpoint | null;
  deleted: number;
}

/**
 * Deletes the access-log rows older than the retention period, but only through a signed checkpoint whose row is
 * itself older than it: the rows left then link to a hash that was signed, so `audit:verify` still verifies the log
 * from there (ADR 0017). Refuses when the checkpointed row is not there with the signed hash (the log no longer
 * matches its checkpoint: that is for an auditor, not for retention). Runs as the log's owner: the append-only
 * trigger is lifted inside this transaction only.
 */
export async function pruneAccessLog(client: Client, trusted: ChainCheckpoint[], keepDays: number, now = new Date()): Promise<PruneResult> {
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const old = trusted.filter((c) => Date.parse(c.lastAt) <= cutoff).sort((a, b) => (BigInt(a.lastId) < BigInt(b.lastId) ? 1 : -1));
  const through = old[0];
  if (!through) return { through: null, deleted: 0 };
  await client.query('begin');
  try {
    const row = await client.query<{ hash: string }>(accessLogSql.select('hash', 'id = $1'), [through.lastId]);
    if (row.rows.length === 0) {
      await client.query('rollback');
      return { through, deleted: 0 }; // pruned through it already
    }
    if (row.rows[0].hash !== through.lastHash) throw new Error(`access_log row ${through.lastId} does not carry the hash signed for it: run npm run audit:verify; nothing was deleted`);
    await client.query(accessLogSql.liftAppendOnly);
    const deleted = await client.query(accessLogSql.delete('id <= $1'), [through.lastId]);
    await client.query(accessLogSql.restoreAppendOnly);
    await client.query('commit');
    return { through, deleted: deleted.rowCount ?? 0 };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
