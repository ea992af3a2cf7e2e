import type { AccessEvent } from './audit-recorder';

export interface SqlExecutor {
  execute(sql: string, params: unknown[]): Promise<unknown>;
}

/** Appends one request's events in one statement; throws when the log cannot be written (callers fail closed). */
export async function appendAccessEvents(executor: SqlExecutor, events: AccessEvent[]): Promise<void> {
  await executor.execute('select audit_append(?::jsonb)', [JSON.stringify(events)]);
}
