import { accessLogSql } from './access-log.sql';
import type { RequestIdentity } from '@hub/access';
import { AuditRecorder, type AccessEvent } from './audit-recorder';

/** The connection's query builder (MikroORM's SQL connections expose theirs as `getKnex()`). */
export interface SqlExecutor {
  getKnex(): { raw(sql: string, bindings: readonly unknown[]): PromiseLike<{ rows: unknown[] }> & { options?(options: { name: string }): PromiseLike<{ rows: unknown[] }> } };
}

/**
 * Appends one request's events in one statement; throws when the log cannot be written (callers fail closed).
 * The events travel as a bound parameter: MikroORM's `execute()` would escape them into the SQL text character
 * by character, which for a batch review's hundreds of subjects cost more than writing them.
 */
export async function appendAccessEvents(executor: SqlExecutor, events: AccessEvent[]): Promise<void> {
  await executor.getKnex().raw(accessLogSql.append('?'), [JSON.stringify(events)]);
}

/** The transaction a MikroORM EntityManager is running in (as `em.transactional` hands it to its callback). */
interface InTransaction {
  getTransactionContext<T>(): T | undefined;
}

/**
 * A write's access events (one per subject, or one without a subject), appended inside the write's own
 * transaction: the record, its history and its audit commit together or not at all. A write's audit appended
 * after the commit could be lost while the write stands.
 */
export async function appendWriteAudit(tx: InTransaction, identity: RequestIdentity, subjects: readonly (string | null)[], fieldClass: string): Promise<void> {
  const writes = new AuditRecorder(identity);
  for (const subject of subjects.length > 0 ? subjects : [null]) writes.note(subject, fieldClass, 'CLEAR');
  const transaction = tx.getTransactionContext<ReturnType<SqlExecutor['getKnex']>>();
  if (!transaction) throw new Error('appendWriteAudit must run inside the write transaction');
  await appendAccessEvents({ getKnex: () => transaction }, writes.events());
}
