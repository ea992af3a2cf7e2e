/**
 * Issue #6, self-healing: a PostgreSQL restart is survived without restarting the subgraphs. A department's
 * subgraph runs on its own embedded PostgreSQL server (not the suite's shared one, which other tests use);
 * the server is stopped and started again under the running subgraph process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess, subgraphEntry, waitForHealthy, type ManagedProcess } from '@hub/stack';
import { freePort, internalToken, postGraphQL } from '@hub/testkit';

const QUERY = 'query($id: String!) { person(idNumber: $id) { name } }';
const ID_NUMBER = '120112198503120018';

let folder: string;
let pgPort: number;
let postgres: ManagedProcess;
let subgraph: ManagedProcess;
let url: string;
const output: string[] = [];

/** Starts the database in its own process and resolves with its URL once it accepts connections. */
function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    postgres = startNodeProcess({
      name: 'postgres',
      script: join(__dirname, 'embedded-postgres-process.js'),
      args: [join(folder, 'pgdata'), String(pgPort)],
      env: process.env,
      output: (_name, line, stream) => (stream === 'stdout' && line.startsWith('postgres://') ? resolve(line) : lines.push(line)),
    });
    void postgres.exited.then((code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${lines.join('\n')}`)));
  });
}

async function ask() {
  const token = await internalToken({ dept: 'POPULATION', jurisdiction: '120112', purpose: 'POPULATION_ADMINISTRATION' });
  return postGraphQL(url, QUERY, { id: ID_NUMBER }, { 'x-gridhub-internal-token': token });
}

async function healthStatus(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url.replace('/graphql', '/health'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gridhub-pg-restart-'));
  pgPort = await freePort();
  const serverUrl = await startServer();
  const port = await freePort();
  url = `http://127.0.0.1:${port}/graphql`;
  subgraph = startNodeProcess({
    name: 'population',
    script: subgraphEntry('population'),
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: serverUrl, DB_PREFIX: 'gridhub_restart', PORT: String(port) },
    output: (_name, line) => output.push(line),
  });
  await waitForHealthy(url.replace('/graphql', '/health'), subgraph, 90_000);
}, 180_000);

afterAll(async () => {
  await subgraph?.stop();
  await postgres?.stop('SIGTERM', 15_000);
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The empty database's answer to the look-up: no such person, which answers as one outside the jurisdiction (issue #16). */
const NOBODY_HERE = [expect.objectContaining({ extensions: expect.objectContaining({ code: 'OUT_OF_JURISDICTION' }) })];
const answered = (response: { errors?: Array<{ extensions?: { code?: unknown } }> }) => response.errors?.length === 1 && response.errors[0].extensions?.code === 'OUT_OF_JURISDICTION';

describe('a PostgreSQL restart under a running subgraph', () => {
  it('answers while the database is up', async () => {
    const response = await ask();
    expect(response.errors).toEqual(NOBODY_HERE);
    expect(response.data).toEqual({ person: null });
    expect((await healthStatus()).status).toBe(200);
  });

  it('while the database is down: says so with a code, keeps running, and /health reports the database', async () => {
    await postgres.stop('SIGTERM', 15_000);
    const response = await ask();
    expect(response.data?.person ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toMatch(/^(SERVICE_UNAVAILABLE|AUDIT_UNAVAILABLE|INTERNAL_SERVER_ERROR)$/);
    const health = await healthStatus();
    expect(health.status).toBe(503);
    expect(JSON.stringify(health.body)).toMatch(/down/);
    expect(subgraph.child.exitCode).toBeNull();
  }, 60_000);

  it('answers again once the database is back, from the same process', async () => {
    const pid = subgraph.child.pid;
    await startServer();
    const deadline = Date.now() + 30_000;
    let response = await ask();
    while (!answered(response) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      response = await ask();
    }
    expect(response.errors).toEqual(NOBODY_HERE);
    expect(response.data).toEqual({ person: null });
    expect((await healthStatus()).status).toBe(200);
    expect(subgraph.child.pid).toBe(pid);
    expect(subgraph.child.exitCode).toBeNull();
  }, 60_000);
});
