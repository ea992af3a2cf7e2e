/**
 * Nothing is half-written (issue #10): the grid subgraph is killed (SIGKILL) while a transition's transaction is
 * open — after the event row and its history step were written, before the access-log row and the commit — and
 * the database holds none of it: the event is as it was, no step, no audit row. Started again, the same
 * transition goes through whole. The pause inside the transaction is a test-only hook
 * (GRID_EVENT_TEST_PAUSE_IN_TRANSACTION_MS, honoured only under NODE_ENV=test).
 */
import { randomUUID } from 'node:crypto';
import { accessLogSql } from '@hub/audit';
import { internalToken, postGraphQL, productionEnv, startHub, type RunningHub } from '@hub/testkit';
import { pickPlace, withGridDatabase, type Place } from './grid-events-kit';

const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptGridEvent(id: $id, expectedVersion: $v) { id status version } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let place: Place;
let hub: RunningHub | undefined;
const run = randomUUID().slice(0, 8);

/** A reported event, written as reportGridEvent writes it (row + REPORT step), in a grid of another street than the job's. */
async function reportedEvent(): Promise<string> {
  return withGridDatabase(async (db) => {
    const { rows } = await db.query(
      `insert into grid_event (category_code, grid_code, address, description, priority, status, reporter_sub, reporter_name, reported_at, version, updated_at)
       values ('0401', $1, '菜市场北侧', '垃圾堆放', 'NORMAL', 'REPORTED', $2, '测试网格员', now(), 1, now()) returning id`,
      [place.foreignGridCode, `worker-${run}`],
    );
    const id = String(rows[0].id);
    await db.query(
      `insert into grid_event_step (event_id, action, from_status, to_status, actor_sub, actor_name, actor_department, actor_role, at, after_state)
       values ($1, 'REPORT', null, 'REPORTED', $2, '测试网格员', 'GRID', 'GRID_WORKER', now(), '{"status":"REPORTED","version":1}')`,
      [id, `worker-${run}`],
    );
    return id;
  });
}

async function stateOf(id: string, requestId: string) {
  return withGridDatabase(async (db) => {
    const event = (await db.query('select status, version, accepted_at from grid_event where id = $1', [id])).rows[0];
    const steps = (await db.query('select action from grid_event_step where event_id = $1 order by id', [id])).rows.map((row) => row.action);
    const audit = (await db.query(accessLogSql.select('field_classes', 'request_id = $1'), [requestId])).rows.map((row) => row.field_classes[0]);
    return { status: event.status, version: event.version, accepted: event.accepted_at !== null, steps, audit };
  });
}

/** Whether some transaction holds the event's row lock (the transition is in flight). */
async function rowIsLocked(id: string): Promise<boolean> {
  return withGridDatabase(async (db) => {
    try {
      await db.query('begin');
      await db.query('select id from grid_event where id = $1 for update nowait', [id]);
      return false;
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return true; // lock_not_available
      throw error;
    } finally {
      await db.query('rollback');
    }
  });
}

/**
 * The transition flushed its writes (the step's INSERT and the event's UPDATE, in the ORM's order) and holds its
 * transaction open: the grid's connection idles inside it after one of them, and still does a moment later.
 */
async function writtenAndOpen(): Promise<boolean> {
  const idlesAfterWrite = () =>
    withGridDatabase(async (db) => {
      const { rows } = await db.query(
        `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
            and state = 'idle in transaction' and (query ilike 'insert into "grid_event_step"%' or query ilike 'update "grid_event" set "status"%')`,
      );
      return rows.length > 0;
    });
  if (!(await idlesAfterWrite())) return false;
  await sleep(300);
  return idlesAfterWrite();
}

async function accept(id: string, requestId: string) {
  const token = await internalToken({ dept: 'GRID', jurisdiction: place.foreignGridCode.slice(0, 9), role: 'OFFICER', sub: `dispatcher-${run}`, purpose: 'GRID_SERVICE', requestId });
  return postGraphQL(hub!.subgraphUrls.grid, ACCEPT, { id, v: 1 }, { 'x-gridhub-internal-token': token });
}

beforeAll(async () => {
  place = await pickPlace(1);
});

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

it('finds none of a transition whose process was killed mid-transaction, and all of it once it runs again', async () => {
  hub = await startHub({ gateway: false, subgraphs: ['grid'], env: { GRID_EVENT_TEST_PAUSE_IN_TRANSACTION_MS: '20000' } });
  const id = await reportedEvent();
  const requestId = `kill-${run}`;
  const inFlight = accept(id, requestId).catch((error: Error) => error);
  const until = Date.now() + 15_000;
  while (!(await writtenAndOpen())) {
    if (Date.now() > until) throw new Error(`the transition never got to its pause: ${hub.output.get('grid')?.slice(-10).join('\n')}`);
    await sleep(50);
  }
  expect(await rowIsLocked(id)).toBe(true);
  // The update and the step are written, inside the open transaction; now the process dies.
  const grid = hub.processes.get('grid')!;
  grid.child.kill('SIGKILL');
  await grid.exited;
  expect(await inFlight).toHaveProperty('message', 'fetch failed'); // the caller got no answer
  await sleep(200);
  expect(await rowIsLocked(id)).toBe(false); // PostgreSQL rolled the transaction back with the connection
  expect(await stateOf(id, requestId)).toEqual({ status: 'REPORTED', version: 1, accepted: false, steps: ['REPORT'], audit: [] });
  await hub.stop();

  hub = await startHub({ gateway: false, subgraphs: ['grid'] });
  const again = `again-${run}`;
  const response = await accept(id, again);
  expect(response.errors).toBeUndefined();
  expect(response.data.acceptGridEvent).toEqual({ id, status: 'ACCEPTED', version: 2 });
  expect(await stateOf(id, again)).toEqual({ status: 'ACCEPTED', version: 2, accepted: true, steps: ['REPORT', 'ACCEPT'], audit: expect.arrayContaining(['grid.event.accept']) });
}, 120_000);

it('honours the pause only under NODE_ENV=test: a production process ignores the variable', async () => {
  hub = await startHub({ gateway: false, subgraphs: ['grid'], env: { ...productionEnv(), GRID_EVENT_TEST_PAUSE_IN_TRANSACTION_MS: '20000' } });
  const id = await reportedEvent();
  const started = Date.now();
  const response = await accept(id, `prod-${run}`);
  expect(response.errors).toBeUndefined();
  expect(response.data.acceptGridEvent.status).toBe('ACCEPTED');
  expect(Date.now() - started).toBeLessThan(10_000);
}, 120_000);
