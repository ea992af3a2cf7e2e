/**
 * NODE_ENV=production: no introspection, no "Did you mean …" suggestions, no explorer; with
 * PERSISTED_OPERATIONS_PATH only the safelisted operations run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { freePort, postGraphQL, productionEnv, startHub, userToken, type RunningHub } from '@hub/testkit';

const ALLOWED = '{ people(first: 2) { totalCount nodes { name } } }';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let hub: RunningHub;
let headers: Record<string, string>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-safelist-'));
  const safelist = join(dir, 'operations.json');
  writeFileSync(safelist, JSON.stringify({ [sha(ALLOWED)]: ALLOWED }));
  const refused = `http://127.0.0.1:${await freePort()}/graphql`;
  hub = await startHub({
    subgraphs: ['population'],
    env: {
      ...productionEnv(),
      PERSISTED_OPERATIONS_PATH: safelist,
      SUBGRAPH_URL_HOUSING: refused,
      SUBGRAPH_URL_CIVIL_AFFAIRS: refused,
      SUBGRAPH_URL_PUBLIC_SECURITY: refused,
      SUBGRAPH_URL_GRID: refused,
    },
  });
  headers = { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub: 'ops-production' })}`, 'x-purpose': 'GRID_SERVICE' };
});

afterAll(async () => {
  await hub?.stop();
});

it('runs a safelisted operation, by its text or by its hash alone', async () => {
  const byText = await postGraphQL(hub.gatewayUrl, ALLOWED, {}, headers);
  expect(byText.errors).toBeUndefined();
  expect(byText.data.people.nodes).toHaveLength(2);
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha(ALLOWED) } } }),
  });
  expect(response.status).toBe(200);
  expect((await response.json()).data).toEqual(byText.data);
});

it('refuses anything else with PERSISTED_QUERY_NOT_ALLOWED, introspection included', async () => {
  for (const query of ['{ people(first: 3) { totalCount } }', '{ __schema { types { name } } }']) {
    const response = await postGraphQL(hub.gatewayUrl, query, {}, headers);
    expect(response.status).toBe(403);
    expect(response.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  }
});

it('serves no explorer', async () => {
  expect((await fetch(hub.gatewayUrl.replace(/graphql$/, 'explorer'))).status).toBe(404);
});

describe('without a safelist', () => {
  let open: RunningHub;
  beforeAll(async () => {
    const refused = `http://127.0.0.1:${await freePort()}/graphql`;
    open = await startHub({
      subgraphs: ['population'],
      env: { ...productionEnv(), SUBGRAPH_URL_HOUSING: refused, SUBGRAPH_URL_CIVIL_AFFAIRS: refused, SUBGRAPH_URL_PUBLIC_SECURITY: refused, SUBGRAPH_URL_GRID: refused },
    });
  });
  afterAll(async () => {
    await open?.stop();
  });

  it('turns introspection off and suggests no field names', async () => {
    const introspection = await postGraphQL(open.gatewayUrl, '{ __schema { types { name } } }', {}, headers);
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await postGraphQL(open.gatewayUrl, '{ peple(first: 1) { totalCount } }', {}, headers);
    expect(typo.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});
