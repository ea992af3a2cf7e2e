import { Client } from 'pg';
import { row, type FieldRule } from '@hub/access';
import type { SqlExecutor } from './append';
import { CHAIN_BREAK_REASONS, GENESIS_HASH, verifyRows, type ChainBreak, type ChainVerdict, type StoredAccessEvent } from './chain';

const BATCH = 10_000;

// The field classes come as one string (joined by U+001F, split below): parsing a text[] per row was half the read time.
const SELECT_ROWS = `select id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, request_id, user_sub, user_name, department, role, purpose,
        case_id, subject_person_id, array_to_string(field_classes, chr(31)) as field_classes, outcome, prev_hash, hash
   from access_log where id > $1 and id <= $2 order by access_log.id limit ${BATCH}`;

type RawRow = Omit<StoredAccessEvent, 'field_classes'> & { field_classes: string };

function parsed(rows: RawRow[]): StoredAccessEvent[] {
  return rows.map((row) => ({ ...row, field_classes: row.field_classes === '' ? [] : row.field_classes.split('\u001f') }));
}

/** Reads the rows after `afterId` up to `lastId`, in id order, at most `BATCH` at a time. */
type ReadBatch = (afterId: string, lastId: string) => Promise<RawRow[]>;

/** A walk and whether it reached the end (a walk with a time budget may stop early, having found no break so far). */
export interface ChainWalk {
  verdict: ChainVerdict;
  complete: boolean;
}

/**
 * What signed checkpoints (ADR 0017) let a walk check beyond the chain itself, for `npm run audit:verify`: rows
 * whose hash was signed, and where a pruned log may begin. Read before the walk takes its last row, so that every
 * checkpoint names a row the walk must reach.
 */
export interface ChainAnchors {
  /** Checkpointed row id → the hash that was signed for it. */
  signedHashes: ReadonlyMap<string, string>;
  /** Where a log pruned by retention may start: hash → id of checkpoints whose row is older than the retention minimum. */
  pruneStarts: ReadonlyMap<string, string>;
}

const NO_ANCHORS: ChainAnchors = { signedHashes: new Map(), pruneStarts: new Map() };

const breakAt = (id: string, position: number, code: ChainBreak): ChainVerdict => ({ rows: position, ok: false, broken: { id, position, code, reason: CHAIN_BREAK_REASONS[code] } });

/**
 * Walks one access log from its first row to the row that was last when the walk began (rows appended meanwhile
 * wait for the next walk), in batches, stopping at the first row that does not verify — or, with a deadline
 * (performance.now() milliseconds), at the first batch boundary past it. A log whose first row links to a prune
 * start (retention removed the rows before it) is walked from there; every checkpointed row after that start
 * must be reached, with the hash that was signed for it.
 */
async function walkChain(lastId: string | null, read: ReadBatch, deadline = Infinity, anchors = NO_ANCHORS): Promise<ChainWalk> {
  const state = { previous: GENESIS_HASH, rows: 0 };
  const seen = new Set<string>();
  // An empty log may have been pruned whole: the checkpoints retention allowed it to prune through are not missed.
  let startedAfter = lastId === null ? [...anchors.pruneStarts.values()].reduce((newest, id) => (BigInt(id) > newest ? BigInt(id) : newest), 0n) : 0n;
  let afterId = '0';
  while (lastId !== null) {
    const rows = await read(afterId, lastId);
    if (rows.length === 0) break;
    const pruneStart = afterId === '0' ? anchors.pruneStarts.get(rows[0].prev_hash) : undefined;
    if (pruneStart !== undefined && BigInt(pruneStart) < BigInt(rows[0].id)) {
      state.previous = rows[0].prev_hash;
      startedAfter = BigInt(pruneStart);
    }
    const before = state.rows;
    const verdict = verifyRows(parsed(rows), state);
    const reached = verdict.ok ? rows.length : verdict.broken!.position - before - 1;
    for (let i = 0; i < reached; i++) {
      const signed = anchors.signedHashes.get(rows[i].id);
      if (signed === undefined) continue;
      if (signed !== rows[i].hash) return { verdict: breakAt(rows[i].id, before + i + 1, 'REWRITTEN'), complete: true };
      seen.add(rows[i].id);
    }
    if (!verdict.ok) return { verdict, complete: true };
    afterId = rows[rows.length - 1].id;
    if (afterId === lastId) break;
    if (performance.now() > deadline) return { verdict: { rows: state.rows, ok: true }, complete: false };
  }
  // A checkpointed row after where the log begins that the walk never reached was removed (from the middle or the end).
  for (const id of anchors.signedHashes.keys()) {
    if (!seen.has(id) && BigInt(id) > startedAfter) return { verdict: breakAt(id, state.rows, 'MISSING'), complete: true };
  }
  return { verdict: { rows: state.rows, ok: true }, complete: true };
}

/** Verifies the whole chain of one database's access_log, reading it in id order in batches; with anchors, against signed checkpoints too. */
export async function verifyAccessLog(databaseUrl: string, anchors?: ChainAnchors): Promise<ChainVerdict> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const last = await client.query<{ id: string | null }>('select max(id)::text as id from access_log');
    return (await walkChain(last.rows[0].id, async (afterId, lastId) => (await client.query<RawRow>(SELECT_ROWS, [afterId, lastId])).rows, Infinity, anchors)).verdict;
  } finally {
    await client.end();
  }
}

/** The same walk over a subgraph's own connection (MikroORM/knex; `?` placeholders), optionally within a time budget. */
export async function verifyAccessLogOn(executor: SqlExecutor, budgetMs = Infinity): Promise<ChainWalk> {
  const deadline = performance.now() + budgetMs;
  const knex = executor.getKnex();
  const last = (await knex.raw('select max(id)::text as id from access_log', [])) as { rows: Array<{ id: string | null }> };
  const sql = SELECT_ROWS.replace('$1', '?').replace('$2', '?');
  return walkChain(last.rows[0].id, async (afterId, lastId) => ((await knex.raw(sql, [afterId, lastId])) as { rows: RawRow[] }).rows, deadline);
}

/**
 * How long a subgraph walks its log for `accessLogIntegrity` before it answers with what it has (INCOMPLETE):
 * below population's wait for its peers (8 s) and the gateway's for a subgraph (SUBGRAPH_TIMEOUT_MS, 10 s).
 * At ≈ 120,000 rows a second that is a log of ≈ 800,000 rows; `npm run audit:verify` walks any length.
 */
export const ACCESS_LOG_WALK_BUDGET_MS = Number(process.env.ACCESS_LOG_WALK_BUDGET_MS) || 6000;

/**
 * The state of one department's access log as `accessLogIntegrity` reports it: counts, a row id and position,
 * a reason code and times — never a row's content (no person, no user, no purpose).
 */
export interface AccessLogChainState {
  /** The department whose log this is (POPULATION, HOUSING, CIVIL_AFFAIRS, PUBLIC_SECURITY, GRID). */
  department: string;
  /**
   * INTACT, BROKEN, INCOMPLETE (the walk ran out of its time budget with no break in the rows it checked), or
   * UNAVAILABLE (the department's system did not answer; nothing is known).
   */
  status: 'INTACT' | 'BROKEN' | 'INCOMPLETE' | 'UNAVAILABLE';
  /** true / false once walked to the end (or to a break); null when INCOMPLETE or UNAVAILABLE. */
  intact: boolean | null;
  rowsChecked: number;
  firstBrokenRowId: string | null;
  firstBrokenPosition: number | null;
  brokenReason: ChainBreak | null;
  /** When the walk ended (ISO 8601, UTC). */
  checkedAt: string;
  /** How long the walk took. */
  durationMs: number | null;
  /** For INCOMPLETE and UNAVAILABLE: why (e.g. "time budget", "HTTP 503", "timeout"); never a URL or a stack. */
  problem: string | null;
}

/** Walks this subgraph's access log (within the time budget) and reports its state. */
export async function accessLogChainState(executor: SqlExecutor, department: string, budgetMs = ACCESS_LOG_WALK_BUDGET_MS): Promise<AccessLogChainState> {
  const started = performance.now();
  const { verdict, complete } = await verifyAccessLogOn(executor, budgetMs);
  if (!complete) {
    return {
      department,
      status: 'INCOMPLETE',
      intact: null,
      rowsChecked: verdict.rows,
      firstBrokenRowId: null,
      firstBrokenPosition: null,
      brokenReason: null,
      checkedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
      problem: 'time budget',
    };
  }
  return {
    department,
    status: verdict.ok ? 'INTACT' : 'BROKEN',
    intact: verdict.ok,
    rowsChecked: verdict.rows,
    firstBrokenRowId: verdict.broken?.id ?? null,
    firstBrokenPosition: verdict.broken?.position ?? null,
    brokenReason: verdict.broken?.code ?? null,
    checkedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    problem: null,
  };
}

/** A department that could not be checked. */
export function unavailableChainState(department: string, problem: string): AccessLogChainState {
  return {
    department,
    status: 'UNAVAILABLE',
    intact: null,
    rowsChecked: 0,
    firstBrokenRowId: null,
    firstBrokenPosition: null,
    brokenReason: null,
    checkedAt: new Date().toISOString(),
    durationMs: null,
    problem,
  };
}

/**
 * Who may see the state of the chains: the access auditors only. The state carries no personal data, but which
 * department's log was tampered with, and where, is the auditors' business. Population's `accessLogIntegrity` and
 * every subgraph's `/internal/access-log-integrity` enforce this one row.
 */
export const ACCESS_LOG_INTEGRITY: FieldRule = row('audit.integrity', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'C',
});

/**
 * Reading a person's events from a log (each subgraph's `/internal/access-events`): the "access log" row of
 * ACCESS-POLICY.md, as population's `accessLog` has it (the conformance suite checks that the two agree).
 */
export const ACCESS_LOG_READ: FieldRule = row('audit.log', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'C',
});

/** The policy of the federated access-log fields, for the subgraph that hosts them (accessLogResolver). */
export const ACCESS_LOG_FIELD_POLICY: Readonly<Record<string, FieldRule>> = {
  'Query.accessLog': ACCESS_LOG_READ,
  // The state of every department's chain (no personal data; auditors only): one row with /internal/access-log-integrity.
  'Query.accessLogIntegrity': ACCESS_LOG_INTEGRITY,
  'AccessEvent.*': ACCESS_LOG_READ,
  'AccessLogChainState.*': ACCESS_LOG_INTEGRITY,
};
