import { createHash } from 'node:crypto';
import type { RequestIdentity } from '@hub/access';
import type { AuditedRead, AuditRecorder } from './audit-recorder';
import type { SqlExecutor } from './append';

const LOG_COLUMNS = 'at, request_id, user_sub, user_name, department, role, purpose, case_id, subject_person_id, field_classes, outcome, prev_hash, hash';

const column = (name: string) => `data."${name.replace(/"/g, '""')}"`;

/** The statement's jurisdiction test of one row, the same as `inScope` (knex placeholders, with their bindings). */
function scopeTest(read: AuditedRead, identity: Pick<RequestIdentity, 'purpose' | 'jurisdiction' | 'caseHouseholdIds'>): { sql: string; bindings: unknown[] } {
  if (!read.gridCodeColumn && !read.householdIdColumn) return { sql: 'true', bindings: [] };
  if (identity.purpose === 'SUBSISTENCE_REVIEW') {
    if (!read.householdIdColumn) return { sql: 'true', bindings: [] };
    return { sql: `coalesce(${column(read.householdIdColumn)}::text = any(?::text[]), false)`, bindings: [identity.caseHouseholdIds ?? []] };
  }
  if (!read.gridCodeColumn) return { sql: 'false', bindings: [] };
  const grid = read.gridCodeFallbackColumn ? `coalesce(${column(read.gridCodeColumn)}, ${column(read.gridCodeFallbackColumn)})` : column(read.gridCodeColumn);
  return { sql: `coalesce(${grid} <> '' and starts_with(${grid}::text, ?), false)`, bindings: [identity.jurisdiction] };
}

function shownRowsLimit(shownRows: number): number {
  if (!Number.isSafeInteger(shownRows) || shownRows < 0) throw new Error(`shownRows must be a whole number of rows, not ${shownRows}`);
  return shownRows;
}

/**
 * One read and its access events in one statement: the rows of `dataSql`, and — in a data-modifying CTE that
 * PostgreSQL runs to completion whether or not the query reads it — the INSERT of their events into the
 * hash-chained log, chained by `audit_chain` under the log's lock. If the INSERT fails, the statement fails and
 * no row is returned. Nothing read, nothing written (and no lock taken).
 */
export function auditedReadSql(
  dataSql: string,
  dataBindings: readonly unknown[],
  read: AuditedRead,
  recorder: AuditRecorder,
): { sql: string; bindings: unknown[]; parameters: { keys: string[]; exclude: string[] } } {
  const parameters = recorder.readParameters(read);
  const test = scopeTest(read, recorder.identity);
  // The events are about the rows shown: all that were read, or a page's first rows when it read one past its end.
  const shown = read.shownRows === undefined ? 'data' : `(select * from data limit ${shownRowsLimit(read.shownRows)}) as data`;
  const bindings: unknown[] = [...dataBindings, parameters.events];
  let subjects: string;
  if (read.keys) {
    subjects = '?::text[]';
    bindings.push(parameters.keys);
  } else if (read.subjectColumn) {
    const subject = column(read.subjectColumn);
    subjects = `array(select distinct ${subject}::text from ${shown} where ${subject} is not null and ${test.sql} and ${subject}::text <> all(?::text[]))`;
    bindings.push(...test.bindings, parameters.exclude);
  } else subjects = `'{}'::text[]`;
  let withheld = `'{}'::text[]`;
  if (read.gridCodeColumn || read.householdIdColumn) {
    const subject = read.subjectColumn ? `coalesce(${column(read.subjectColumn)}::text, '')` : `''`;
    withheld = `array(select distinct ${subject} from ${shown} where not (${test.sql}))`;
    bindings.push(...test.bindings);
  }
  const anyInScope = `exists (select 1 from ${shown} where ${test.sql})`;
  bindings.push(...test.bindings);
  const sql = `with data as materialized (${dataSql}),
logged as (insert into access_log (${LOG_COLUMNS}) select * from audit_chain(audit_read_events(?::jsonb, ${subjects}, ${withheld}, ${anyInScope})))
select * from data`;
  return { sql, bindings, parameters };
}

const preparedNames = new Map<string, string | null>();

/**
 * A statement's name on the connections it is prepared on: the same text always gets the same name (node-postgres
 * requires it); undefined once the text has been retired (see `isStalePreparedPlan`).
 */
function preparedStatementName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined) {
    name = `audited_read_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    preparedNames.set(sql, name);
  }
  return name ?? undefined;
}

/**
 * A migration changed a table under a prepared `select *` while the subgraph ran: PostgreSQL refuses the statement on
 * every connection that prepared it before ("cached plan must not change result type", SQLSTATE 0A000).
 */
function isStalePreparedPlan(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

/**
 * Runs an audited read (see `auditedReadSql`) and tells the recorder what it wrote; a failure is kept so the response
 * fails closed. `prepared` (only for statements drawn from a small, bounded set of texts: each is kept on every
 * connection) prepares it by name, so PostgreSQL parses it once per connection rather than on every call. A prepared
 * text a migration made stale is run again unnamed, and unnamed from then on: the failed statement wrote nothing.
 */
export async function runAuditedRead<T extends Record<string, unknown>>(
  executor: SqlExecutor,
  dataSql: string,
  dataBindings: readonly unknown[],
  read: AuditedRead,
  recorder: AuditRecorder,
  options: { prepared?: boolean } = {},
): Promise<{ rows: T[]; sql: string }> {
  const { sql, bindings, parameters } = auditedReadSql(dataSql, dataBindings, read, recorder);
  const started = performance.now();
  const took = () => (performance.now() - started) / 1000;
  const run = (name: string | undefined) => {
    const statement = executor.getKnex().raw(sql, bindings);
    return name && statement.options ? statement.options({ name }) : statement;
  };
  try {
    const name = options.prepared ? preparedStatementName(sql) : undefined;
    let rows: unknown[];
    try {
      ({ rows } = await run(name));
    } catch (error) {
      if (!name || !isStalePreparedPlan(error)) throw error;
      preparedNames.set(sql, null);
      ({ rows } = await run(undefined));
    }
    recorder.auditedReads.push({ seconds: took(), outcome: 'ok' });
    recorder.wrote(read, parameters, read.shownRows === undefined ? (rows as T[]) : (rows as T[]).slice(0, read.shownRows));
    return { rows: rows as T[], sql };
  } catch (error) {
    recorder.auditedReads.push({ seconds: took(), outcome: 'error' });
    recorder.failure ??= error;
    throw error;
  }
}
