import { createHash } from 'node:crypto';
import { ErrorCode, HubError, type RequestIdentity } from '@hub/access';
import { appendWriteAudit, type SqlExecutor } from './append';

/** What a client names one write with, so that a retry is recognised: a UUID fits. */
export const CLIENT_REQUEST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/;

/** One record's change, as `record_change` keeps it. */
export interface RecordChange {
  recordType: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/** What a write did: its answer, the id a retry finds it by, whom it was about (for the access log), what it changed. */
export interface WriteDone<R> {
  result: R;
  resultId: string;
  subjects: readonly string[];
  changes: readonly RecordChange[];
}

/** The write's identity: the operation and the client's id for it, the input (a retry must send the same), the audit class. */
export interface WriteRequest {
  operation: string;
  clientRequestId: string;
  input: unknown;
  fieldClass: string;
}

type Raw = ReturnType<SqlExecutor['getKnex']>;

/** An EntityManager as the write needs it: its transaction, and the knex transaction inside. */
export interface TransactionalManager<Tx> {
  transactional<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

interface InTransaction {
  getTransactionContext<T>(): T | undefined;
}

function inputDigest(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\u001f${JSON.stringify(input)}`)
    .digest('hex');
}

export function checkedClientRequestId(clientRequestId: string): string {
  if (!CLIENT_REQUEST_ID_PATTERN.test(clientRequestId)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'clientRequestId must be 8 to 64 letters, digits, _ or - (a UUID made by the client for this write, sent again on a retry)');
  }
  return clientRequestId;
}

/** CONFLICT unless the record is still at the version the caller saw (an optimistic lock against lost updates). */
export function checkedVersion(recordType: string, recordId: string, current: number, expected: number): void {
  if (!Number.isInteger(expected) || expected < 1) throw new HubError(ErrorCode.BAD_USER_INPUT, 'expectedVersion must be the positive version you saw');
  if (current !== expected) {
    throw new HubError(ErrorCode.CONFLICT, `记录已被他人更新 (${recordType} ${recordId} is at version ${current}, you saw ${expected}): reload it and decide again`);
  }
}

/**
 * One department write, whole or not at all, in one transaction: the client's request id is claimed first (a retry of
 * a write that committed gets that write's answer through `replay` and writes nothing; a concurrent retry waits on the
 * claim and then does the same), then the write itself, its records' before and after (`record_change`), and its
 * access events under its subjects. A request id used before for another operation or another input is refused.
 */
export async function auditedWrite<Tx extends InTransaction, R>(
  em: TransactionalManager<Tx>,
  identity: RequestIdentity,
  request: WriteRequest,
  write: (tx: Tx) => Promise<WriteDone<R>>,
  replay: (tx: Tx, resultId: string) => Promise<R>,
): Promise<R> {
  const clientRequestId = checkedClientRequestId(request.clientRequestId);
  const digest = inputDigest(request.operation, request.input);
  return em.transactional(async (tx) => {
    const raw = tx.getTransactionContext<Raw>();
    if (!raw) throw new Error('auditedWrite needs a SQL transaction');
    const claimed = await raw.raw(
      `insert into write_request (user_sub, client_request_id, operation, input_sha256) values (?, ?, ?, ?)
         on conflict (user_sub, client_request_id) do nothing returning 1`,
      [identity.sub, clientRequestId, request.operation, digest],
    );
    if (claimed.rows.length === 0) {
      const { rows } = await raw.raw('select operation, input_sha256, result_id from write_request where user_sub = ? and client_request_id = ?', [identity.sub, clientRequestId]);
      const earlier = rows[0] as { operation: string; input_sha256: string; result_id: string | null };
      if (earlier.operation !== request.operation || earlier.input_sha256 !== digest || !earlier.result_id) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `clientRequestId ${clientRequestId} was already used for another write (${earlier.operation}): make a new id for a new write`);
      }
      return replay(tx, earlier.result_id);
    }
    const done = await write(tx);
    await raw.raw('update write_request set result_id = ? where user_sub = ? and client_request_id = ?', [done.resultId, identity.sub, clientRequestId]);
    for (const change of done.changes) {
      await raw.raw(
        `insert into record_change (record_type, record_id, operation, before, after, changed_by, request_id, client_request_id)
           values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)`,
        [
          change.recordType,
          change.recordId,
          request.operation,
          change.before === null ? null : JSON.stringify(change.before),
          JSON.stringify(change.after),
          identity.sub,
          identity.requestId,
          clientRequestId,
        ],
      );
    }
    await appendWriteAudit(tx, identity, done.subjects, request.fieldClass);
    return done.result;
  });
}

/**
 * How long a client's request id is kept (`write_request`): a retry is sent within seconds or minutes of the first
 * send, so a week covers an office's longest outage. A "retry" later than that is taken as a new write — and the
 * version it was made against (`expectedVersion`) still refuses it with CONFLICT if the first one committed.
 */
export const DEFAULT_WRITE_RETRY_HORIZON_DAYS = 7;

export function writeRetryHorizonDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WRITE_RETRY_HORIZON_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_WRITE_RETRY_HORIZON_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error(`WRITE_RETRY_HORIZON_DAYS must be a whole number of days from 1 to 366; got "${raw}"`);
  return days;
}

/** Anything that runs one SQL statement and gives its rows: a pg Client or Pool, or knex's raw. */
export interface StatementRunner {
  (text: string): PromiseLike<{ rows: unknown[] }>;
}

/**
 * Forgets the request ids claimed longer ago than the retry horizon (the subgraph does it on start and hourly), so the
 * claims do not grow with every write for ever. `record_change` keeps the client request id of each change: the
 * history is not shortened.
 */
export async function expireWriteRequests(run: StatementRunner, keepDays: number): Promise<number> {
  if (!Number.isInteger(keepDays) || keepDays < 1) throw new Error(`keepDays must be a positive whole number; got ${keepDays}`);
  // keepDays is a checked integer: inlined, the statement runs the same through pg and knex (their placeholders differ).
  const { rows } = await run(`with forgotten as (delete from write_request where at < now() - make_interval(days => ${keepDays}) returning 1) select count(*)::int as forgotten from forgotten`);
  return (rows[0] as { forgotten: number }).forgotten;
}
