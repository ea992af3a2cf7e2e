/**
 * The gateway's query limits as an attacker meets them (issue #16 parts 1, 2 and 7), against the real gateway with
 * its default limits: a fragment bomb is answered at once and the gateway keeps serving; a page size hidden in a
 * variable's default, a GET's variables, an automatic persisted query and an unpaged list are all priced; a
 * malformed X-Request-Id is replaced, never recorded as sent.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { accessLogSql } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { freePort, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';

let hub: RunningHub;

beforeAll(async () => {
  // Population and the grid are all these documents touch; the rest answer nothing.
  const nobody = `http://127.0.0.1:${await freePort()}/graphql`;
  hub = await startHub({
    subgraphs: ['population', 'grid'],
    env: { SUBGRAPH_URL_HOUSING: nobody, SUBGRAPH_URL_CIVIL_AFFAIRS: nobody, SUBGRAPH_URL_PUBLIC_SECURITY: nobody },
  });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

async function headersFor(sub: string) {
  return { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub })}`, 'x-purpose': 'GRID_SERVICE' };
}

async function expectPriced(response: { status: number; errors?: Array<{ message: string; extensions?: { code?: string } }> }, cost: RegExp) {
  expect(response.status).toBe(400);
  expect(response.errors).toEqual([{ message: expect.stringMatching(cost), extensions: { code: 'QUERY_TOO_COMPLEX' } }]);
}

it('answers a fragment bomb (40 fragments each spreading the next twice) at once, and keeps serving', async () => {
  const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  const bomb = `query Bomb { ...F0 } ${fragments.join(' ')} fragment F40 on Query { regions { code } }`;
  const headers = await headersFor('attack-bomb');
  await expectPriced(await postGraphQL(hub.gatewayUrl, bomb, {}, headers), /Operation Bomb has an estimated cost of \d+ or more/);
  const after = await postGraphQL(hub.gatewayUrl, '{ regions { code } }', {}, headers);
  expect(after.errors).toBeUndefined();
  expect(after.data.regions.length).toBeGreaterThan(0);
});

it("prices a page size left to a variable's default as that default", async () => {
  const response = await postGraphQL(hub.gatewayUrl, 'query($n: Int = 100000) { people(first: $n) { nodes { name gender } } }', {}, await headersFor('attack-default'));
  await expectPriced(response, /estimated cost of 300001 or more/);
});

it("prices a GET's variables as a POST's", async () => {
  const url = new URL(hub.gatewayUrl);
  url.searchParams.set('query', 'query($n: Int) { people(first: $n) { nodes { name gender } } }');
  url.searchParams.set('variables', JSON.stringify({ n: 100000 }));
  const response = await fetch(url, { headers: await headersFor('attack-get') });
  const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
  await expectPriced({ status: response.status, errors: body.errors }, /estimated cost of 300001 or more/);
});

it('runs no automatic persisted query: a hash names no text that was never priced with these variables', async () => {
  const query = 'query($n: Int) { people(first: $n) { nodes { name gender } } }';
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
  const headers = { ...(await headersFor('attack-apq')), 'content-type': 'application/json' };
  const register = await fetch(hub.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables: { n: 1 }, extensions: { persistedQuery } }) });
  const byHash = await fetch(hub.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ variables: { n: 100000 }, extensions: { persistedQuery } }) });
  for (const response of [register, byHash]) {
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  }
});

it('prices an unpaged list by the rows it can answer, not as one row', async () => {
  const response = await postGraphQL(hub.gatewayUrl, '{ grids { code dwellings(first: 100) { id address } } }', {}, await headersFor('attack-unpaged'));
  await expectPriced(response, /estimated cost of 404001 or more/);
});

it('replaces a malformed X-Request-Id with its own, in the answer and in the audit', async () => {
  const forged = `forged id ${randomUUID()}`;
  const sub = `attack-request-id-${randomUUID().slice(0, 8)}`;
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { ...(await headersFor(sub)), 'content-type': 'application/json', 'x-request-id': forged },
    body: JSON.stringify({ query: '{ people(first: 1) { nodes { name } } }' }),
  });
  expect(response.status).toBe(200);
  await response.text();
  const given = response.headers.get('x-request-id');
  expect(given).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const population = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('population')) });
  await population.connect();
  try {
    const logged = await population.query(accessLogSql.select('request_id', 'user_sub = $1'), [sub]);
    expect(logged.rows.length).toBeGreaterThan(0);
    expect(new Set(logged.rows.map((row) => row.request_id))).toEqual(new Set([given]));
  } finally {
    await population.end();
  }
});
