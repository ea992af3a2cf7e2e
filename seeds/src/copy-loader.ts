/**
 * Bulk loader: streams a district into the five department databases with PostgreSQL COPY (text format),
 * one connection and one transaction per database, all five in parallel. Rows are buffered per table
 * up to a few MB and flushed as one COPY per table; a department that is still busy with its previous
 * flush makes the generator wait (backpressure), so memory stays bounded for any number of residents.
 * Each database is truncated and reloaded in a single transaction: a failed seed leaves the old data.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { District } from './generate-district';
import { emptyPlanted, mergePlanted, type Planted } from './planted';
import { CLEARED_WITH_DISTRICT, DEPARTMENTS, DERIVED_AFTER_COPY, emptyCounts, TABLES, tablesOf, type Department, type Row, type TableKey, type TableSpec, type Value } from './tables';

const SPECIAL = /[\\\t\n\r]/;

/** One value in PostgreSQL COPY text format: \N for NULL, backslash escapes for \ tab newline CR. */
export function copyValue(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One row as a COPY text line (tab-separated, newline-terminated) in the table's column order. */
export function copyLine(row: Row, columns: readonly string[]): string {
  let line = copyValue(row[columns[0]] ?? null);
  for (let i = 1; i < columns.length; i++) line += '\t' + copyValue(row[columns[i]] ?? null);
  return line + '\n';
}

export interface LoadOptions {
  /** Database name prefix (databaseNameFor); defaults to DB_PREFIX or "gridhub". */
  databasePrefix?: string;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Flush a department's buffered rows once they exceed this many bytes. */
  flushBytes?: number;
  /** ANALYZE the tables after loading (default true). */
  analyze?: boolean;
}

export interface TableLoadStats {
  rows: number;
  /** Wall time spent in this table's COPY statements. */
  copySeconds: number;
  bytes: number;
}

export interface LoadResult {
  residents: number;
  households: number;
  counts: Record<TableKey, number>;
  tables: Record<TableKey, TableLoadStats>;
  planted: Planted;
  /** Rows derived in the databases after the COPY (grid_event_step). */
  derived: Record<string, number>;
  seconds: number;
  phases: Record<string, number>;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * COPY text accumulated as UTF-8 bytes outside the JavaScript heap: the line strings die young, so a
 * large district does not fill the old generation with buffered rows waiting for their flush.
 */
export class ByteBuffer {
  private buffer: Buffer;
  length = 0;

  constructor(capacity = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  append(text: string): void {
    // A UTF-16 code unit never needs more than 3 UTF-8 bytes.
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

class DepartmentLoader {
  readonly databaseName: string;
  private readonly client: Client;
  private readonly tables: TableSpec[];
  private buffers = new Map<TableKey, ByteBuffer>();
  private buffered = 0;
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private open = false;
  private readonly derivedUpTo = new Map<TableKey, number>();
  /** Rows derived after the COPYs (DERIVED_AFTER_COPY), and the time it took, by table. */
  readonly derived: Record<string, { rows: number; seconds: number }> = {};

  constructor(
    serverUrl: string,
    readonly department: Department,
    prefix: string,
    private readonly stats: Record<TableKey, TableLoadStats>,
  ) {
    this.databaseName = databaseNameFor(department, prefix);
    this.client = new Client({ connectionString: databaseUrl(serverUrl, this.databaseName), application_name: 'gridhub-seed' });
    this.tables = tablesOf(department);
  }

  async begin(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      throw new Error(`cannot connect to database ${this.databaseName} (has it been migrated?): ${(error as Error).message}`, { cause: error });
    }
    await this.client.query('SET synchronous_commit = off');
    // TRUNCATE needs an exclusive lock; fail with a reason rather than wait forever behind an open transaction.
    await this.client.query("SET lock_timeout = '30s'");
    await this.client.query('BEGIN');
    this.open = true;
    const names = [...this.tables.map((t) => t.table), ...(CLEARED_WITH_DISTRICT[this.department] ?? [])].join(', ');
    try {
      await this.client.query(`TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      if (code === '55P03') throw new Error(`${this.databaseName}: another session holds a lock on ${names} (a long transaction?): ${message}`, { cause: error });
      throw new Error(`${this.databaseName}: cannot truncate ${names} — are the ${this.department} migrations applied? ${message}`, { cause: error });
    }
  }

  add(key: TableKey, rows: Row[]): void {
    const { columns } = TABLES[key];
    let buffer = this.buffers.get(key);
    if (!buffer) this.buffers.set(key, (buffer = new ByteBuffer()));
    const before = buffer.length;
    for (const row of rows) buffer.append(copyLine(row, columns));
    this.buffered += buffer.length - before;
  }

  /** Starts a flush when enough is buffered, first waiting for the previous one (backpressure). */
  async maybeFlush(limit: number): Promise<void> {
    if (this.buffered < limit) return;
    await this.settle();
    this.startFlush();
  }

  private startFlush(): void {
    const buffers = this.buffers;
    this.buffers = new Map();
    this.buffered = 0;
    this.inflight = this.flush(buffers).catch((error) => {
      this.failure = error;
    });
  }

  private async settle(): Promise<void> {
    await this.inflight;
    if (this.failure) throw this.failure;
  }

  private async flush(buffers: Map<TableKey, ByteBuffer>): Promise<void> {
    for (const table of this.tables) {
      const buffer = buffers.get(table.key);
      if (!buffer?.length) continue;
      const started = performance.now();
      const payload = buffer.bytes();
      // FREEZE: the table was truncated in this transaction, so rows can be written frozen (no later hint-bit pass).
      const sql = `COPY ${table.table} (${table.columns.join(', ')}) FROM STDIN WITH (FREEZE)`;
      try {
        await pipeline(Readable.from([payload]), this.client.query(copyFrom(sql)));
      } catch (error) {
        throw new Error(`${this.databaseName}.${table.table}: COPY failed: ${(error as Error).message}`, { cause: error });
      }
      const stat = this.stats[table.key];
      stat.copySeconds += seconds(started);
      stat.bytes += payload.length;
      await this.derive(table.key);
    }
  }

  async finish(): Promise<void> {
    await this.settle();
    this.startFlush();
    await this.settle();
  }

  /** Derives the rows of DERIVED_AFTER_COPY from the rows of `key` copied since the last time. */
  private async derive(key: TableKey): Promise<void> {
    for (const { table, from, sql } of DERIVED_AFTER_COPY[this.department] ?? []) {
      if (from !== key) continue;
      const started = performance.now();
      try {
        const rows = (await this.client.query(sql, [this.derivedUpTo.get(from) ?? 0])).rowCount ?? 0;
        const [{ max }] = (await this.client.query<{ max: string | null }>(`select max(id) as max from ${TABLES[from].table}`)).rows;
        this.derivedUpTo.set(from, Number(max ?? 0));
        const stat = (this.derived[table] ??= { rows: 0, seconds: 0 });
        stat.rows += rows;
        stat.seconds += seconds(started);
      } catch (error) {
        throw new Error(`${this.databaseName}.${table}: deriving the rows from ${TABLES[from].table} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
    this.open = false;
  }

  async analyze(): Promise<void> {
    await this.client.query(`ANALYZE ${this.tables.map((t) => t.table).join(', ')}`);
  }

  async close(): Promise<void> {
    if (this.open) await this.client.query('ROLLBACK').catch(() => undefined);
    this.open = false;
    await this.client.end().catch(() => undefined);
  }
}

/**
 * Truncates every seeded table of the five department databases and loads `district` into them.
 * The databases must exist and be migrated (the CLI runs migrateAll first).
 */
export async function loadDistrict(serverUrl: string, district: District, options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const prefix = options.databasePrefix ?? (process.env.DB_PREFIX || 'gridhub');
  const flushBytes = options.flushBytes ?? 4 * 1024 * 1024;
  const stats = Object.fromEntries(Object.keys(TABLES).map((key) => [key, { rows: 0, copySeconds: 0, bytes: 0 }])) as Record<TableKey, TableLoadStats>;
  const loaders = DEPARTMENTS.map((department) => new DepartmentLoader(serverUrl, department, prefix, stats));
  const byDepartment = new Map(loaders.map((loader) => [loader.department, loader]));
  const phases: Record<string, number> = {};
  const counts = emptyCounts();
  const planted = emptyPlanted();
  const derived: Record<string, number> = {};
  let residents = 0;
  let households = 0;

  try {
    let phase = performance.now();
    await Promise.all(loaders.map((loader) => loader.begin()));
    phases.truncate = seconds(phase);
    log(`truncated ${loaders.map((l) => l.databaseName).join(', ')} in ${phases.truncate.toFixed(2)} s`);

    phase = performance.now();
    const grids = district.plan.regions.grids.length;
    let chunkNumber = 0;
    let nextReport = performance.now() + 2000;
    for (const chunk of district.chunks()) {
      for (const [key, rows] of Object.entries(chunk.rows) as Array<[TableKey, Row[]]>) {
        if (!rows.length) continue;
        byDepartment.get(TABLES[key].department)!.add(key, rows);
        counts[key] += rows.length;
        stats[key].rows += rows.length;
      }
      mergePlanted(planted, chunk.planted);
      residents += chunk.residents;
      households += chunk.households;
      chunkNumber++;
      for (const loader of loaders) await loader.maybeFlush(flushBytes);
      if (performance.now() >= nextReport) {
        nextReport = performance.now() + 2000;
        const memory = process.memoryUsage();
        log(
          `  ${Math.min(chunkNumber - 1, grids)}/${grids} grids, ${residents.toLocaleString('en-US')} residents, ${seconds(phase).toFixed(1)} s` +
            ` (heap ${Math.round(memory.heapUsed / 1048576)} MB, rss ${Math.round(memory.rss / 1048576)} MB)`,
        );
      }
    }
    await Promise.all(loaders.map((loader) => loader.finish()));
    phases.load = seconds(phase);
    log(`generated and copied ${residents.toLocaleString('en-US')} residents in ${grids} grids in ${phases.load.toFixed(2)} s`);

    for (const loader of loaders) {
      for (const [table, stat] of Object.entries(loader.derived)) {
        derived[table] = stat.rows;
        log(`derived ${stat.rows.toLocaleString('en-US')} ${loader.databaseName}.${table} rows after the COPYs in ${stat.seconds.toFixed(2)} s`);
      }
    }

    phase = performance.now();
    await Promise.all(loaders.map((loader) => loader.commit()));
    phases.commit = seconds(phase);

    if (options.analyze !== false) {
      phase = performance.now();
      await Promise.all(loaders.map((loader) => loader.analyze()));
      phases.analyze = seconds(phase);
      log(`committed in ${phases.commit.toFixed(2)} s, analyzed in ${phases.analyze.toFixed(2)} s`);
    }
    for (const department of DEPARTMENTS) {
      for (const table of tablesOf(department)) {
        const stat = stats[table.key];
        log(
          `  ${`${byDepartment.get(department)!.databaseName}.${table.table}`.padEnd(48)} ${String(stat.rows).padStart(9)} rows  ${(stat.bytes / 1048576).toFixed(1).padStart(6)} MB  copy ${stat.copySeconds.toFixed(2)} s`,
        );
      }
    }
  } finally {
    await Promise.all(loaders.map((loader) => loader.close()));
  }
  return { residents, households, counts, derived, tables: stats, planted, seconds: seconds(started), phases };
}
