import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { runAuditedRead, type AuditRecorder, type AuditedRead } from '@hub/audit';

/** A per-request loader that fetches many keys in one call and returns one value (or null) per key. */
export function oneLoader<K extends string, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader that returns all rows belonging to each key (one statement for all keys). */
export function manyLoader<K extends string, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** A per-request loader of one number per key computed by a grouped query; absent keys count as 0. */
export function countLoader<K extends string>(fetch: (keys: K[]) => Promise<Array<{ key: K; count: number }>>): DataLoader<K, number> {
  return new DataLoader<K, number>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map(rows.map((row) => [row.key, Number(row.count)] as const));
    return keys.map((key) => byKey.get(key) ?? 0);
  });
}

/** What `sqlRows` needs of an EntityManager: its SQL connection's query builder and its query logger. */
export interface SqlRowSource {
  getConnection(): { getKnex(): { raw(sql: string, bindings: readonly unknown[]): PromiseLike<{ rows: unknown[] }> } };
  config: { getLogger(): { logQuery(context: { query: string; took?: number; results?: number; level?: 'info' }): void } };
}

/**
 * Plain rows from one SQL statement with bound parameters (`?`), for hot paths: no ORM hydration, and the
 * parameters are sent to PostgreSQL as bindings rather than escaped into the SQL text. The statement is logged
 * like the ORM's own, so statement counts stay observable.
 */
export async function sqlRows<T>(em: SqlRowSource, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  const started = Date.now();
  const { rows } = await em.getConnection().getKnex().raw(sql, bindings);
  em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, results: rows.length, level: 'info' });
  return rows as T[];
}

/**
 * `sqlRows` for a read that returns someone's data: the same statement also writes the read's access events into
 * the hash-chained log (`runAuditedRead`, docs/adr/0014), so a row never leaves without its audit and no separate
 * append is needed for it. Columns named in `read` are the statement's output names (e.g. "residenceGridCode").
 */
export async function auditedRows<T>(em: SqlRowSource, audit: AuditRecorder, read: AuditedRead, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  const started = Date.now();
  const { rows, sql: statement } = await runAuditedRead<Record<string, unknown>>(em.getConnection(), sql, bindings, read, audit);
  em.config.getLogger().logQuery({ query: statement, took: Date.now() - started, results: rows.length, level: 'info' });
  return rows as T[];
}

/**
 * `em.find` for a read that returns someone's data, audited in its statement like `auditedRows`: the ORM builds the
 * SELECT, the audit's CTE wraps it, and the rows are merged into the EntityManager as entities. Columns named in
 * `read` are table column names (e.g. "owner_person_id").
 */
export async function auditedFind<T extends object>(
  em: EntityManager,
  audit: AuditRecorder,
  read: AuditedRead,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy?: QueryOrderMap<T>,
): Promise<T[]> {
  const query = em.createQueryBuilder(entity).select('*').where(where);
  if (orderBy) query.orderBy(orderBy);
  const { sql, bindings } = query.getKnexQuery().toSQL();
  const rows = await auditedRows<Record<string, unknown>>(em, audit, read, sql, bindings);
  return rows.map((row) => em.map(entity, row as never));
}
