/**
 * `accessLogIntegrity`: what `npm run audit:verify` tells an operator, for the access auditors through the API —
 * every department's hash chain walked in its own subgraph, gathered by population the way `accessLog` is. Only
 * ACCESS_AUDIT may read it; it carries counts, row ids and times, never a person or a user. Someone with database
 * rights alters one row of housing's log: housing is reported broken at that row, the other departments intact,
 * and the console shows housing in red.
 *
 * The chains are broken on purpose, so this file runs its hub on databases of its own (DB_PREFIX + "_chain",
 * migrated by the subgraphs, not seeded) and drops them at the end: the suite's shared logs stay intact.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { accessLogSql } from '@hub/audit';
import { POLICY_COLUMNS, PURPOSES, type Department, type Purpose } from '@hub/access';
import { databaseNameFor, databaseUrl, dropDatabase } from '@hub/db';
import { SUBGRAPHS } from '@hub/topology';
import { asGateway, internalToken, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';
import { foreignRequests, openConsoleBrowser, type ConsoleBrowser } from '../console/browser';

const PREFIX = `${process.env.DB_PREFIX || 'gridhub_test'}_chain`;
const DEPARTMENTS = ['POPULATION', 'HOUSING', 'CIVIL_AFFAIRS', 'PUBLIC_SECURITY', 'GRID'];
const INTEGRITY = `query Integrity { accessLogIntegrity { department status intact rowsChecked firstBrokenRowId firstBrokenPosition brokenReason checkedAt durationMs problem } }`;
const AUDITOR = { dept: 'AUDIT' as const, jurisdiction: '120112', role: 'AUDITOR' as const, sub: 'auditor-chain-1', name: '审计员甲' };
const GRID_OFFICER = { dept: 'GRID' as const, jurisdiction: '120112', sub: 'grid-officer-chain-7', name: '网格员乙' };

interface ChainState {
  department: string;
  status: string;
  intact: boolean | null;
  rowsChecked: number;
  firstBrokenRowId: string | null;
  firstBrokenPosition: number | null;
  brokenReason: string | null;
  checkedAt: string;
  durationMs: number | null;
  problem: string | null;
}

let hub: RunningHub;
let browser: ConsoleBrowser;

beforeAll(async () => {
  // A walk stops at the first 10,000-row batch boundary past its time budget: 1 ms here, so only a log longer than
  // one batch (the last test makes one) is cut short; every other log is walked to its end.
  hub = await startHub({ env: { DB_PREFIX: PREFIX, ACCESS_LOG_WALK_BUDGET_MS: '1' } });
  browser = await openConsoleBrowser(hub);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  for (const { name } of SUBGRAPHS) await dropDatabase(process.env.DATABASE_URL!, databaseNameFor(name, PREFIX));
});

async function asAuditor(): Promise<ChainState[]> {
  const response = await postGraphQL(hub.gatewayUrl, INTEGRITY, {}, { authorization: `Bearer ${await userToken(AUDITOR)}`, 'x-purpose': 'ACCESS_AUDIT' });
  expect(response.errors).toBeUndefined();
  return response.data.accessLogIntegrity;
}

const byDepartment = (states: ChainState[]) => Object.fromEntries(states.map((s) => [s.department, s]));

async function sql<T>(subgraph: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(subgraph, PREFIX)) });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** What a DBA with the rights to do it would do: turn the append-only trigger off, change the log, turn it back on. */
async function tamper(subgraph: string, statement: string, values: unknown[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(subgraph, PREFIX)) });
  await client.connect();
  try {
    await expect(client.query(statement, values)).rejects.toThrow(/append-only/);
    await client.query(accessLogSql.liftAppendOnly);
    await client.query(statement, values);
    await client.query(accessLogSql.restoreAppendOnly);
  } finally {
    await client.end();
  }
}

test('reports every department intact, with the rows walked, and nothing about anyone', async () => {
  // Some traffic first: a grid officer's search leaves rows in population's log with the officer's name.
  const grid = await postGraphQL(
    hub.gatewayUrl,
    '{ people(first: 3) { totalCount } grids(regionCode: "120112") { code } }',
    {},
    { authorization: `Bearer ${await userToken(GRID_OFFICER)}`, 'x-purpose': 'GRID_SERVICE' },
  );
  expect(grid.errors).toBeUndefined();
  await asAuditor(); // every department logs the auditor's look: now every log has rows
  const states = await asAuditor();

  expect(states.map((s) => s.department)).toEqual(DEPARTMENTS);
  for (const state of states) {
    expect(state).toEqual({
      department: state.department,
      status: 'INTACT',
      intact: true,
      rowsChecked: expect.any(Number),
      firstBrokenRowId: null,
      firstBrokenPosition: null,
      brokenReason: null,
      checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      durationMs: expect.any(Number),
      problem: null,
    });
    expect(state.rowsChecked).toBeGreaterThanOrEqual(1);
    expect(Date.now() - Date.parse(state.checkedAt)).toBeLessThan(60_000);
  }
  // Each walked its whole log as it stood when the walk began (the look itself is appended after it).
  const populationRows = await sql<{ n: string }>('population', accessLogSql.select('count(*) as n'));
  expect(byDepartment(states).POPULATION.rowsChecked).toBeLessThanOrEqual(Number(populationRows[0].n));
  expect(byDepartment(states).POPULATION.rowsChecked).toBeGreaterThanOrEqual(Number(populationRows[0].n) - 2);

  // No person, no user, no purpose: the answer names departments and counts only.
  const text = JSON.stringify(states);
  for (const secret of [GRID_OFFICER.sub, GRID_OFFICER.name, AUDITOR.sub, AUDITOR.name, 'GRID_SERVICE', 'ACCESS_AUDIT']) expect(text).not.toContain(secret);

  // The names are in the logs themselves, inside each row's hash (the chains above verified them).
  const named = await sql<{ user_name: string | null }>('population', accessLogSql.select('user_name', 'user_sub = $1'), [GRID_OFFICER.sub]);
  expect(named.length).toBeGreaterThan(0);
  expect(named.every((r) => r.user_name === GRID_OFFICER.name)).toBe(true);
});

test('refuses every other purpose, through the gateway and at each subgraph, and logs the refusal', async () => {
  const others = POLICY_COLUMNS.filter((purpose) => purpose !== 'ACCESS_AUDIT');
  for (const purpose of others) {
    const dept = PURPOSES[purpose].departments[0] as Department;
    const caseId = PURPOSES[purpose].caseRequired ? 'XJ-2026-0042' : undefined;
    const headers: Record<string, string> = { authorization: `Bearer ${await userToken({ dept, jurisdiction: '120112' })}`, 'x-purpose': purpose, ...(caseId ? { 'x-case-id': caseId } : {}) };
    const response = await postGraphQL(hub.gatewayUrl, INTEGRITY, {}, headers);
    expect({ purpose, data: response.data?.accessLogIntegrity ?? null }).toEqual({ purpose, data: null });
    // A case that does not exist (these databases are not seeded: no 低保 application, no police case) is refused at
    // the gateway before any subgraph is asked for the log.
    expect({ purpose, code: response.errors?.[0]?.extensions?.code }).toEqual({ purpose, code: PURPOSES[purpose].caseRequired ? 'CASE_NOT_OPEN' : 'FORBIDDEN' });
  }

  // Each subgraph's own route, called as the gateway would, refuses the same purposes and logs it.
  const housing = new URL('/internal/access-log-integrity', hub.subgraphUrls.housing);
  for (const purpose of others) {
    const token = await internalToken({ dept: PURPOSES[purpose].departments[0] as Department, jurisdiction: '120112', purpose: purpose as Purpose, sub: 'probe-chain' });
    const response = await fetch(housing, { headers: await asGateway(housing, { 'x-gridhub-internal-token': token }) });
    expect({ purpose, status: response.status }).toEqual({ purpose, status: 403 });
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('FORBIDDEN');
  }
  expect((await fetch(housing)).status).toBe(401);
  const refusals = await sql<{ purpose: string; outcome: string; field_classes: string[] }>('housing', accessLogSql.select('purpose, outcome, field_classes', "user_sub = 'probe-chain'"));
  expect(refusals.map((r) => r.purpose).sort()).toEqual([...others].sort());
  expect(refusals.every((r) => r.outcome === 'DENIED' && r.field_classes.join() === 'audit.integrity')).toBe(true);
});

test("names housing and its first broken row after one row of housing's log is altered; the others stay intact", async () => {
  const [second] = await sql<{ id: string }>('housing', accessLogSql.select('id::text', undefined, 'order by id offset 1 limit 1'));
  await tamper('housing', accessLogSql.update("user_sub = 'nobody'", 'id = $1'), [second.id]);

  const states = byDepartment(await asAuditor());
  expect(states.HOUSING).toEqual(
    expect.objectContaining({ status: 'BROKEN', intact: false, rowsChecked: 2, firstBrokenRowId: second.id, firstBrokenPosition: 2, brokenReason: 'ALTERED', problem: null }),
  );
  for (const department of DEPARTMENTS.filter((d) => d !== 'HOUSING'))
    expect({ department, status: states[department].status, intact: states[department].intact }).toEqual({ department, status: 'INTACT', intact: true });

  // A removed row is found too (grid's first row: the next one no longer links to the start of the chain).
  const [first] = await sql<{ id: string }>('grid', accessLogSql.select('id::text', undefined, 'order by id limit 1'));
  await tamper('grid', accessLogSql.delete('id = $1'), [first.id]);
  const after = byDepartment(await asAuditor());
  expect(after.GRID).toEqual(expect.objectContaining({ status: 'BROKEN', intact: false, firstBrokenPosition: 1, brokenReason: 'UNLINKED' }));
  expect(Number(after.GRID.firstBrokenRowId)).toBeGreaterThan(Number(first.id));
  expect(after.HOUSING.firstBrokenRowId).toBe(second.id);
  expect(after.POPULATION.intact).toBe(true);

  // npm run audit:verify agrees.
  const cli = spawnSync(process.execPath, [join(__dirname, '..', '..', 'packages', 'audit', 'dist', 'verify-cli.js')], {
    env: { ...process.env, DB_PREFIX: PREFIX },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(cli.status).toBe(1);
  expect(cli.stdout).toMatch(new RegExp(`BROKEN\\s+housing\\s+at event ${second.id}: content does not match its hash`));
});

test('the console shows the broken departments in red, by name, and the intact ones as intact', async () => {
  const p = await browser.newPage();
  await p.signInAs(AUDITOR, 'ACCESS_AUDIT');
  await p.open('/audit/integrity');
  const alert = p.page.getByTestId('integrity-broken');
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  expect(text).toContain('房屋');
  expect(text).toContain('网格中心');
  expect(text).toContain('已断裂');
  expect(text).toContain('内容与其哈希值不符');
  expect(text).toContain('与前一条记录不衔接');

  const housingRow = p.page.locator('tr[data-status="BROKEN"]', { hasText: '房屋' });
  await expect(housingRow.textContent()).resolves.toContain('第 2 条记录');
  // Red: the department's name in antd's danger colour, the row tinted.
  const colour = await housingRow.getByText('房屋', { exact: true }).evaluate((el) => getComputedStyle(el).color);
  expect(colour).toBe('rgb(255, 77, 79)');
  expect(await p.page.locator('tr[data-status="INTACT"]').count()).toBe(3);
  await expect(p.page.locator('tr[data-status="INTACT"]', { hasText: '人口' }).textContent()).resolves.toContain('完整');
  await p.screenshot('audit-integrity-broken');

  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test("a log longer than the walk's time budget is reported INCOMPLETE with the rows it checked, not intact", async () => {
  const events = Array.from({ length: 10_050 }, (_, i) => ({
    requestId: `bulk-${i}`,
    userSub: 'bulk-grid-officer',
    userName: '批量',
    department: 'GRID',
    role: 'OFFICER',
    purpose: 'GRID_SERVICE',
    fieldClasses: ['person.name'],
    outcome: 'CLEAR',
  }));
  await sql('civil-affairs', accessLogSql.append('$1'), [JSON.stringify(events)]);
  const states = byDepartment(await asAuditor());
  expect(states.CIVIL_AFFAIRS).toEqual(expect.objectContaining({ status: 'INCOMPLETE', intact: null, rowsChecked: 10_000, firstBrokenRowId: null, problem: 'time budget' }));
  expect(states.PUBLIC_SECURITY.status).toBe('INTACT');

  const p = await browser.newPage();
  await p.signInAs(AUDITOR, 'ACCESS_AUDIT');
  await p.open('/audit/integrity');
  await p.page.getByText('本次在时限内未核验完').waitFor();
  await expect(p.page.locator('tr[data-status="INCOMPLETE"]').innerText()).resolves.toContain('民政');
  await expect(p.page.getByRole('alert').filter({ hasText: '民政（已核验前 10,000 条，未发现断链）' }).count()).resolves.toBe(1);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test('a department whose system is down is reported UNAVAILABLE by name; the others are still checked', async () => {
  await hub.processes.get('public-security')!.stop();
  const states = byDepartment(await asAuditor());
  expect(states.PUBLIC_SECURITY).toEqual(expect.objectContaining({ status: 'UNAVAILABLE', intact: null, rowsChecked: 0, problem: 'no connection' }));
  expect(states.POPULATION.status).toBe('INTACT');
  expect(states.HOUSING.status).toBe('BROKEN');

  const p = await browser.newPage();
  await p.signInAs(AUDITOR, 'ACCESS_AUDIT');
  await p.open('/audit/integrity');
  await p.page.getByRole('alert').filter({ hasText: '公安的系统暂时无法访问' }).waitFor();
  await expect(p.page.locator('tr[data-status="UNAVAILABLE"]').innerText()).resolves.toContain('无法连接');
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});
