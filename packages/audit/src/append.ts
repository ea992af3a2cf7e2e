import { accessLogSql } from './access-log.sql';
import type { AccessEvent } from './audit-recorder';

/** The connection's query builder (MikroORM's SQL connections expose theirs as `getKnex()`). */
export interface SqlExecutor {
  getKnex(): { raw(sql: string, bindings: readonly unknown[]): PromiseLike<{ rows: unknown[] }> };
}

/**
 * Appends one request's events in one statement; throws when the log cannot be written (callers fail closed).
 * The events travel as a bound parameter: MikroORM's `execute()` would escape them into the SQL text character
 * by character, which for a batch review's hundreds of subjects cost more than writing them.
 */
export async function appendAccessEvents(executor: SqlExecutor, events: AccessEvent[]): Promise<void> {
  await executor.getKnex().raw(accessLogSql.append('?'), [JSON.stringify(events)]);
}
