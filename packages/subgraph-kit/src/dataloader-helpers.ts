import DataLoader from 'dataloader';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
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
 * `sql` is one of the caller's fixed texts, every value a binding (lists as one: `= any(string_to_array(?, ','))`):
 * the statement is prepared by name on each connection it runs on, parsed once rather than on every call.
 */
export async function auditedRows<T>(em: SqlRowSource, audit: AuditRecorder, read: AuditedRead, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  return auditedStatement<T>(em, audit, read, sql, bindings, true);
}

async function auditedStatement<T>(em: SqlRowSource, audit: AuditRecorder, read: AuditedRead, sql: string, bindings: readonly unknown[], prepared: boolean): Promise<T[]> {
  const started = Date.now();
  const { rows, sql: statement } = await runAuditedRead<Record<string, unknown>>(em.getConnection(), sql, bindings, read, audit, { prepared });
  em.config.getLogger().logQuery({ query: statement, took: Date.now() - started, results: rows.length, level: 'info' });
  return rows as T[];
}

/** A value the cached statements pass to PostgreSQL exactly as the ORM would: no type conversion involved. */
type PlainValue = string | number | boolean;

const isPlain = (value: unknown): value is PlainValue => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';

/**
 * A filter's shape — its keys, operators and list lengths, with every value left out — and its values in the
 * same walk's order; undefined when a value is not plain (a Date, an entity, null: the ORM converts those).
 */
export function filterShape(where: unknown): { shape: string; values: PlainValue[] } | undefined {
  const values: PlainValue[] = [];
  let plain = true;
  const walk = (node: unknown): unknown => {
    if (isPlain(node)) {
      values.push(node);
      return '?';
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    plain = false;
    return null;
  };
  const shape = JSON.stringify(walk(where));
  return plain ? { shape, values } : undefined;
}

const VALUE_MARKER = 'gridhub-filter-value-';
const MARKED_VALUE = /^gridhub-filter-value-(\d+)$/;

/** The same filter with its i-th value replaced by a marker the built statement's bindings can be traced back by. */
function markedFilter(where: unknown): unknown {
  let index = 0;
  const walk = (node: unknown): unknown => {
    if (isPlain(node)) return `${VALUE_MARKER}${index++}`;
    if (Array.isArray(node)) return node.map(walk);
    return Object.fromEntries(Object.entries(node as object).map(([key, value]) => [key, walk(value)]));
  };
  return walk(where);
}

/** A statement the ORM built once for a filter shape, and which of the filter's values each binding is. */
interface CompiledFind {
  sql: string;
  valueOfBinding: number[];
}

/** Shapes seen; bounded, because a list's length is part of its shape (a batch can ask for 1 … 250 keys). */
const COMPILED_FINDS_KEPT = 1000;
const compiledFinds = new Map<string, CompiledFind | null>();

/**
 * The ORM's statement for `where`, built once per entity, filter shape and order (the query builder costs a
 * subgraph more CPU than PostgreSQL's own work on such a look-up, issue #11) and then reused with this filter's
 * values. A shape whose built bindings are not exactly its values (the ORM converted one) is never reused.
 */
function compiledFind<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, orderBy?: QueryOrderMap<T>): { sql: string; bindings: unknown[]; reusable: boolean } {
  const build = (filter: FilterQuery<T>) => {
    const query = em.createQueryBuilder(entity).select('*').where(filter);
    if (orderBy) query.orderBy(orderBy);
    const { sql, bindings } = query.getKnexQuery().toSQL();
    return { sql, bindings: [...bindings] as unknown[] };
  };
  const filter = filterShape(where);
  if (!filter) return { ...build(where), reusable: false };
  const key = `${typeof entity === 'function' ? entity.name : String(entity)}\u0001${filter.shape}\u0001${JSON.stringify(orderBy ?? null)}`;
  let compiled = compiledFinds.get(key);
  if (compiled === undefined && compiledFinds.size < COMPILED_FINDS_KEPT) {
    const marked = build(markedFilter(where) as FilterQuery<T>);
    const valueOfBinding = marked.bindings.map((binding) => {
      const marker = typeof binding === 'string' ? MARKED_VALUE.exec(binding) : null;
      return marker ? Number(marker[1]) : -1;
    });
    compiled = valueOfBinding.includes(-1) || new Set(valueOfBinding).size !== filter.values.length ? null : { sql: marked.sql, valueOfBinding };
    compiledFinds.set(key, compiled);
  }
  if (!compiled) return { ...build(where), reusable: false };
  return { sql: compiled.sql, bindings: compiled.valueOfBinding.map((index) => filter.values[index]), reusable: true };
}

/**
 * Statements with at most this many values are prepared by name: the interactive look-ups (a person, a household,
 * a page), whose distinct texts are few. A batch's long lists have a text per length and are parsed each time.
 */
const PREPARED_BINDINGS_MAX = 16;

/**
 * `em.find` for a read that returns someone's data, audited in its statement like `auditedRows`: the ORM builds the
 * SELECT, the audit's CTE wraps it, and the rows are merged into the EntityManager as entities. Columns named in
 * `read` are table column names (e.g. "owner_person_id"). A statement reused for a known filter shape, with few
 * values, is also prepared by name on its connection (`PREPARED_BINDINGS_MAX`).
 */
export async function auditedFind<T extends object>(
  em: EntityManager,
  audit: AuditRecorder,
  read: AuditedRead,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy?: QueryOrderMap<T>,
): Promise<T[]> {
  const { sql, bindings, reusable } = compiledFind(em, entity, where, orderBy);
  const rows = await auditedStatement<Record<string, unknown>>(em, audit, read, sql, bindings, reusable && bindings.length <= PREPARED_BINDINGS_MAX);
  return rows.map((row) => em.map(entity, row as never));
}

/**
 * A query builder's SELECT (a search: filters, keyset position, order and limit chosen per request), audited in its
 * statement like `auditedFind`, its rows merged as entities. Never prepared: a search's texts are as many as the
 * combinations of its filters.
 */
export async function auditedQuery<T extends object>(em: EntityManager, audit: AuditRecorder, read: AuditedRead, entity: EntityName<T>, query: QueryBuilder<T>): Promise<T[]> {
  const { sql, bindings } = query.getKnexQuery().toSQL();
  const rows = await auditedStatement<Record<string, unknown>>(em, audit, read, sql, [...bindings], false);
  return rows.map((row) => em.map(entity, row as never));
}
