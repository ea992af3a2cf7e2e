/**
 * Issue #16 item 6: an internal token the gateway signed is good for one subgraph, one request and one use. The
 * gateway runs as a real process behind a recording proxy in front of each subgraph, so the tokens replayed here
 * are the ones it really sent; every replay is refused with 401 UNAUTHENTICATED (the old shared-audience,
 * unbound tokens were accepted by any subgraph for any request until they expired). A hand-made `_entities`
 * representation cannot carry a forged `accessScope`: its body is not one the gateway signed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_TOKEN_HEADER } from '@hub/access';
import { gatewayEntry, startNodeProcess, waitForHealthy, type ManagedProcess } from '@hub/stack';
import { asGateway, freePort, internalToken, startHub, testSeedManifest, userToken, type RunningHub } from '@hub/testkit';
import { SUBGRAPHS, subgraphUrlVariable, type SubgraphName } from '@hub/topology';

/** One request the gateway sent to a subgraph, as the subgraph received it. */
interface Sent {
  subgraph: SubgraphName;
  path: string;
  token: string;
  body: string;
}

let hub: RunningHub;
let gateway: ManagedProcess;
let gatewayUrl: string;
const proxies: Server[] = [];
const sent: Sent[] = [];
const gatewayOutput: string[] = [];

/** A proxy that records what the gateway sends one subgraph and passes it on unchanged. */
async function recordingProxy(subgraph: SubgraphName, target: string): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const token = req.headers[INTERNAL_TOKEN_HEADER];
      if (typeof token === 'string') sent.push({ subgraph, path: req.url ?? '/', token, body });
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      fetch(new URL(req.url ?? '/', target), { method: req.method, headers, body: req.method === 'POST' ? body : undefined })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text()))
        .catch((error: Error) => res.writeHead(502).end(error.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  hub = await startHub({ gateway: false });
  const urls: Record<string, string> = {};
  for (const { name } of SUBGRAPHS) urls[subgraphUrlVariable(name)] = await recordingProxy(name, hub.subgraphUrls[name]);
  const port = await freePort();
  gateway = startNodeProcess({ name: 'gateway', script: gatewayEntry(), env: { ...process.env, NODE_ENV: 'test', ...urls, PORT: String(port) }, output: (_name, line) => gatewayOutput.push(line) });
  await waitForHealthy(`http://127.0.0.1:${port}/health/live`, gateway, 90_000);
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(proxies.map((server) => new Promise((resolve) => server.close(resolve))));
  await hub?.stop();
});

/** Asks the gateway as a user and returns what it sent to the subgraphs for this request. */
async function throughGateway(user: { dept: 'GRID' | 'HOUSING' | 'AUDIT'; jurisdiction: string }, purpose: string, query: string, variables: Record<string, unknown> = {}) {
  const before = sent.length;
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { answer, fetches: sent.slice(before) };
}

/** Sends a request straight to a subgraph with the given token, as someone who captured it would. */
async function replay(subgraph: SubgraphName, token: string, body: string, path = '/graphql') {
  const response = await fetch(new URL(path, hub.subgraphUrls[subgraph]), {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token },
    body: body || undefined,
  });
  const answer = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: response.status, code: answer.errors?.[0]?.extensions?.code, message: answer.errors?.[0]?.message, data: answer.data };
}

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, any>;

const GRID_OFFICER = { dept: 'GRID', jurisdiction: '120112' } as const;
const PEOPLE_WITH_DWELLINGS = 'query { people(first: 3) { nodes { name ownedDwellingCount } } }';
const OWNED_DWELLINGS = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ownedDwellingCount } } }';

describe('a real token the gateway sent', () => {
  let population: Sent;
  let housing: Sent;

  beforeAll(async () => {
    const { answer, fetches } = await throughGateway(GRID_OFFICER, 'GRID_SERVICE', PEOPLE_WITH_DWELLINGS);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.people.nodes).toHaveLength(3);
    population = fetches.find((f) => f.subgraph === 'population')!;
    housing = fetches.find((f) => f.subgraph === 'housing')!;
    expect(housing.body).toContain('accessScope');
  });

  it('names the one subgraph it was sent to, is bound to the digest of the exact body and has its own id', () => {
    const [p, h] = [payloadOf(population.token), payloadOf(housing.token)];
    expect([p.aud, h.aud]).toEqual(['gridhub-subgraph:population', 'gridhub-subgraph:housing']);
    expect(p.op).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.op).not.toBe(h.op);
    expect(p.jti).not.toBe(h.jti);
    expect(p.rid).toBe(h.rid);
  });

  it('is refused by another subgraph, with the very body it was signed for: 401 UNAUTHENTICATED', async () => {
    for (const other of ['population', 'civil-affairs', 'public-security', 'grid'] as const) {
      expect({ other, ...(await replay(other, housing.token, housing.body)) }).toEqual(expect.objectContaining({ other, status: 401, code: 'UNAUTHENTICATED', data: undefined }));
    }
    expect((await replay('housing', population.token, population.body)).message).toMatch(/failed claim check: aud/);
  });

  it('is refused for another query or other variables: 401 UNAUTHENTICATED', async () => {
    const otherQuery = JSON.stringify({ query: 'query { people(first: 50) { nodes { name phone idNumber } } }', variables: {} });
    const sameQueryOtherVariables = JSON.stringify({ ...JSON.parse(population.body), variables: { first: 50 } });
    for (const body of [otherQuery, sameQueryOtherVariables, `${population.body} `]) {
      const refused = await replay('population', population.token, body);
      expect({ body, ...refused }).toEqual(expect.objectContaining({ body, status: 401, code: 'UNAUTHENTICATED', data: undefined }));
      expect(refused.message).toMatch(/bound to another request/);
    }
  });

  it('is refused the second time, even for the identical request: the gateway used it once already', async () => {
    const again = await replay('population', population.token, population.body);
    expect(again).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED', data: undefined }));
    expect(again.message).toMatch(/already been used/);
  });

  it('carries a forged accessScope nowhere: a hand-made _entities body is not the one it was signed for', async () => {
    // A housing officer of another district: the gateway itself sends housing only what that officer asked.
    const { answer, fetches } = await throughGateway({ dept: 'HOUSING', jurisdiction: '120101' }, 'HOUSING_ADMINISTRATION', 'query { dwelling(id: "no-such-dwelling") { address } }');
    expect(answer.data).toEqual({ dwelling: null });
    const captured = fetches.find((f) => f.subgraph === 'housing')!;
    // Real people of 120112 (from the request above), each claimed to live in the officer's district.
    const people = (JSON.parse(housing.body) as { variables: { representations: Array<{ id: string }> } }).variables.representations;
    const forged = JSON.stringify({ query: OWNED_DWELLINGS, variables: { r: people.map(({ id }) => ({ __typename: 'Person', id, accessScope: '120101001001001|' })) } });
    expect(await replay('housing', captured.token, forged)).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED', data: undefined }));
    // Nor can a client hand the gateway a scope: accessScope is not in the public schema.
    const asked = await throughGateway(GRID_OFFICER, 'GRID_SERVICE', 'query { people(first: 1) { nodes { accessScope } } }');
    expect(asked.answer.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(asked.fetches).toEqual([]);
  });
});

describe("a subgraph's onward tokens for its peers (accessLog)", () => {
  let onwardForHousing: string;

  beforeAll(async () => {
    const idNumber = testSeedManifest().planted.eligibleApplications[0].applicantIdNumber;
    const { answer, fetches } = await throughGateway({ dept: 'AUDIT', jurisdiction: '120112' }, 'ACCESS_AUDIT', 'query ($id: String!) { accessLog(idNumber: $id, first: 1) { at } }', { id: idNumber });
    expect(answer.errors).toBeUndefined();
    const population = fetches.find((f) => f.subgraph === 'population')!;
    const onward = payloadOf(population.token).onward as Record<string, Record<string, string>>;
    expect(Object.keys(onward).sort()).toEqual(['civil-affairs', 'grid', 'housing', 'public-security']);
    onwardForHousing = onward.housing['access-events'];
    expect(payloadOf(onwardForHousing)).toEqual(expect.objectContaining({ aud: 'gridhub-subgraph:housing', via: 'population', route: 'access-events', uses: 1 }));
  });

  it('are good at their peer for their route only, and once (population has used them)', async () => {
    expect(await replay('grid', onwardForHousing, '', '/internal/access-events?subject=x&first=1')).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED' }));
    const otherRoute = await replay('housing', onwardForHousing, '', '/internal/access-log-integrity');
    expect(otherRoute).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED' }));
    expect(otherRoute.message).toMatch(/for access-events, not access-log-integrity/);
    const graphql = await replay('housing', onwardForHousing, JSON.stringify({ query: '{ __typename }' }));
    expect(graphql).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED' }));
    const again = await replay('housing', onwardForHousing, '', '/internal/access-events?subject=x&first=1');
    expect(again.message).toMatch(/already been used/);
  });
});

describe('a token signed for one request, sent twice', () => {
  it('answers the first and refuses the second: 401 UNAUTHENTICATED', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }', variables: {} });
    const { [INTERNAL_TOKEN_HEADER]: token } = await asGateway(hub.subgraphUrls.grid, { [INTERNAL_TOKEN_HEADER]: await internalToken({ ...GRID_OFFICER, purpose: 'GRID_SERVICE' }) }, body);
    const first = await replay('grid', token, body);
    expect(first.status).toBe(200);
    expect(await replay('grid', token, body)).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED', data: undefined }));
  });
});
