/**
 * Operations at the gateway, against real processes: a department that hangs costs one time budget and is
 * then short-circuited; /health and /metrics tell what happened; depth, alias, token, cost and rate limits
 * refuse with a code naming the limit; the development explorer is served from the installed packages.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Client } from 'pg';
import { accessLogSql } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { freePort, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';

let hub: RunningHub;
let blackhole: Server;
const held: Socket[] = [];
let base: string;

beforeAll(async () => {
  // Housing "answers" like a hung process: it accepts the connection and never says a word.
  blackhole = createServer((socket) => held.push(socket));
  const blackholePort = await new Promise<number>((resolve) => blackhole.listen(0, '127.0.0.1', () => resolve((blackhole.address() as { port: number }).port)));
  const refused = await freePort();
  hub = await startHub({
    subgraphs: ['population'],
    env: {
      SUBGRAPH_URL_HOUSING: `http://127.0.0.1:${blackholePort}/graphql`,
      SUBGRAPH_URL_CIVIL_AFFAIRS: `http://127.0.0.1:${refused}/graphql`,
      SUBGRAPH_URL_PUBLIC_SECURITY: `http://127.0.0.1:${refused}/graphql`,
      SUBGRAPH_URL_GRID: `http://127.0.0.1:${refused}/graphql`,
      SUBGRAPH_TIMEOUT_MS: '700',
      BREAKER_THRESHOLD: '2',
      BREAKER_COOLDOWN_MS: '60000',
      RATE_LIMIT_PER_MINUTE: '20',
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_ALIASES: '5',
      MAX_QUERY_TOKENS: '400',
      MAX_QUERY_COST: '2000',
    },
  });
  base = hub.gatewayUrl.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await hub?.stop();
  for (const socket of held) socket.destroy();
  blackhole?.close();
});

async function headersFor(sub: string) {
  return { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub })}`, 'x-purpose': 'GRID_SERVICE' };
}

describe('a department that hangs', () => {
  const QUERY = '{ people(first: 3) { nodes { name ownedDwellingCount } } }';

  it('costs one time budget, then its breaker answers at once; population data is always there', async () => {
    const headers = await headersFor('ops-slow');
    const timings: number[] = [];
    const reasons: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const response = await postGraphQL(hub.gatewayUrl, QUERY, {}, headers);
      timings.push(Date.now() - started);
      expect(response.status).toBe(200);
      expect(response.data.people.nodes.map((p: any) => typeof p.name)).toEqual(['string', 'string', 'string']);
      expect(response.data.people.nodes.every((p: any) => p.ownedDwellingCount === null)).toBe(true);
      expect(response.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', department: 'HOUSING', serviceName: 'housing' });
      reasons.push(response.errors![0].extensions!.reason);
    }
    process.stderr.write(`[operations] hung housing: response times ${timings.join(', ')} ms (budget 700 ms, breaker after 2)\n`);
    expect(reasons).toEqual(['timeout', 'timeout', 'circuit_open', 'circuit_open']);
    expect(timings[0]).toBeGreaterThanOrEqual(650);
    expect(timings[0]).toBeLessThan(3000);
    expect(timings[3]).toBeLessThan(500);
  });

  it('shows in /health (503, naming the departments that are down) and in /metrics', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    const body = await health.json();
    expect(body.status).toBe('degraded');
    expect(body.subgraphs.population).toMatchObject({ status: 'up', database: 'up' });
    expect(body.subgraphs.housing).toMatchObject({ status: 'down' });
    expect(body.subgraphs.grid).toMatchObject({ status: 'down', error: 'unreachable' });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);

    const own = await fetch(hub.subgraphUrls.population.replace(/\/graphql$/, '/health'));
    expect(await own.json()).toMatchObject({ status: 'ok', subgraph: 'population', database: 'up' });

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/gridhub_subgraph_fetch_errors_total\{subgraph="housing",reason="timeout"\} [1-9]/);
    expect(metrics).toMatch(/gridhub_subgraph_fetch_errors_total\{subgraph="housing",reason="circuit_open"\} [1-9]/);
    expect(metrics).toMatch(/gridhub_subgraph_fetch_duration_seconds_bucket\{le="[^"]+",subgraph="population",outcome="ok"\}/);
    expect(metrics).toMatch(/gridhub_gateway_request_duration_seconds_count\{operation="anonymous",department="GRID",status="200"\} [1-9]/);
    expect(metrics).toMatch(/gridhub_denials_total\{code="SUBGRAPH_UNAVAILABLE"\} [1-9]/);

    const subgraphMetrics = await (await fetch(hub.subgraphUrls.population.replace(/\/graphql$/, '/metrics'))).text();
    // Population's reads wrote their access events in their own statements (ADR 0014); the separate append is there for the rest.
    expect(subgraphMetrics).toMatch(/gridhub_audited_read_duration_seconds_count\{subgraph="population",outcome="ok"\} [1-9]/);
    expect(subgraphMetrics).toMatch(/# TYPE gridhub_audit_write_duration_seconds histogram/);
  });
});

it('carries the X-Request-Id to the subgraph and into its audit rows', async () => {
  const requestId = `ops-${Date.now()}`;
  const response = await postGraphQL(hub.gatewayUrl, '{ people(first: 2) { nodes { name } } }', {}, { ...(await headersFor('ops-request-id')), 'x-request-id': requestId });
  expect(response.errors).toBeUndefined();
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('population')) });
  await client.connect();
  try {
    const { rows } = await client.query(accessLogSql.select('user_sub', 'request_id = $1'), [requestId]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.user_sub === 'ops-request-id')).toBe(true);
  } finally {
    await client.end();
  }
});

describe('limits', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['depth', '{ people(first: 1) { nodes { household { members { person { household { members { person { name } } } } } } } } }', /nested 9 levels deep; the depth limit is 8/],
    [
      'aliases',
      '{ a: people(first: 1) { totalCount } b: people(first: 1) { totalCount } c: people(first: 1) { totalCount } d: people(first: 1) { totalCount } e: people(first: 1) { totalCount } f: people(first: 1) { totalCount } }',
      /6 aliases; the alias limit is 5/,
    ],
    ['tokens', `{ people(first: 1) { nodes { ${'name '.repeat(400)} } } }`, /more than 400 tokens/],
    ['cost', '{ people(first: 500) { nodes { name gender birthDate phone idNumber } } }', /estimated cost of 3001 .*the cost limit is 2000/],
  ];

  it.each(cases)('refuses a document over the %s limit with QUERY_TOO_COMPLEX naming it', async (_limit, query, message) => {
    const response = await postGraphQL(hub.gatewayUrl, query, {}, await headersFor('ops-limits'));
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'QUERY_TOO_COMPLEX' } }]);
  });

  it('counts page sizes given as variables', async () => {
    const response = await postGraphQL(hub.gatewayUrl, 'query($n: Int) { people(first: $n) { nodes { name gender } } }', { n: 1000 }, await headersFor('ops-limits'));
    expect(response.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const small = await postGraphQL(hub.gatewayUrl, 'query($n: Int) { people(first: $n) { nodes { name gender } } }', { n: 10 }, await headersFor('ops-limits'));
    expect(small.errors).toBeUndefined();
  });

  it('limits each user to RATE_LIMIT_PER_MINUTE with 429, RATE_LIMITED and Retry-After; other users are not affected', async () => {
    const headers = await headersFor('ops-rate');
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 22; i++) {
      const response = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
      else await response.text();
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused!.json()).errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/limit is 20 a minute/) });
    const other = await postGraphQL(hub.gatewayUrl, '{ people(first: 1) { totalCount } }', {}, await headersFor('ops-rate-other'));
    expect(other.status).toBe(200);
  });

  it('refuses an oversize body with 413', async () => {
    const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${'x'.repeat(1_100_000)} }` }) });
    expect(response.status).toBe(413);
  });
});

describe('the development explorer', () => {
  it('is GraphiQL served with all its assets from this gateway, no external URL loaded', async () => {
    const page = await fetch(`${base}/explorer`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('X-Purpose');
    expect(html).toContain('X-Case-Id');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/explorer\/assets\//);
      const response = await fetch(`${base}${asset}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text.length).toBeGreaterThan(100);
      // Documentation links inside the bundles are text; nothing is loaded from another host.
      expect(text).not.toMatch(/(?:src=|href=|url\(|import\(|importScripts\(|sourceMappingURL=)\s*["']?https?:\/\//);
    }
    expect(assets.join(' ')).toMatch(/graphiql\.js/);
  });
});
