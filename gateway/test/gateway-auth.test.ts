import { connect } from 'node:net';
import { SUBGRAPHS, type SubgraphName } from '@hub/topology';
import { internalToken, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';
import { expiredInternalToken, expiredUserToken, forgedUserToken, hs256WithPublicKeyToken, tamperedUserToken, unsignedToken, wrongIssuerToken } from './forged-tokens';

const PEOPLE = '{ people(first: 2) { totalCount nodes { id name } } }';
const GRID_OFFICER = { dept: 'GRID', jurisdiction: '120112' } as const;

/** While departments are still being built, GRIDHUB_TEST_SUBGRAPHS=population runs only those behind the full supergraph. */
const onlySubgraphs = process.env.GRIDHUB_TEST_SUBGRAPHS?.split(',')
  .map((name) => name.trim())
  .filter(Boolean) as SubgraphName[] | undefined;

let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub({ subgraphs: onlySubgraphs });
});

afterAll(async () => {
  await hub?.stop();
});

async function asUser(headers: Record<string, string>, query = PEOPLE) {
  return postGraphQL(hub.gatewayUrl, query, {}, headers);
}

function expectRefused(response: Awaited<ReturnType<typeof postGraphQL>>, status: number, code: string, message?: RegExp) {
  expect({ status: response.status, code: response.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  if (message) expect(response.errors![0].message).toMatch(message);
}

describe('the gateway authenticates every request before any subgraph sees it', () => {
  it('refuses a request without a token: 401 UNAUTHENTICATED, saying how to get one', async () => {
    expectRefused(await asUser({ 'x-purpose': 'GRID_SERVICE' }), 401, 'UNAUTHENTICATED', /Authorization/);
  });

  it('refuses a non-Bearer Authorization header', async () => {
    expectRefused(await asUser({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}`, 'x-purpose': 'GRID_SERVICE' }), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['a forged signature', forgedUserToken, /invalid signature/],
    ['an expired token', expiredUserToken, /expired/],
    ['HS256 keyed with the public key', hs256WithPublicKeyToken, /algorithm/],
    ['alg: none', unsignedToken, /algorithm|malformed/],
    ['a wrong issuer', wrongIssuerToken, /iss/],
    ['garbage', () => 'not.a.jwt', /malformed/],
  ])('refuses %s: 401 UNAUTHENTICATED', async (_what, makeToken, message) => {
    expectRefused(await asUser({ authorization: `Bearer ${makeToken()}`, 'x-purpose': 'GRID_SERVICE' }), 401, 'UNAUTHENTICATED', message);
  });

  it('refuses a real token whose payload was changed after signing', async () => {
    const tampered = tamperedUserToken(await userToken(GRID_OFFICER));
    expectRefused(await asUser({ authorization: `Bearer ${tampered}`, 'x-purpose': 'GRID_SERVICE' }), 401, 'UNAUTHENTICATED', /signature/);
  });

  it('needs a purpose: PURPOSE_REQUIRED', async () => {
    expectRefused(await asUser({ authorization: `Bearer ${await userToken(GRID_OFFICER)}` }), 400, 'PURPOSE_REQUIRED', /X-Purpose/);
  });

  it('refuses a purpose the department may not use: PURPOSE_NOT_ALLOWED', async () => {
    const token = await userToken(GRID_OFFICER);
    expectRefused(await asUser({ authorization: `Bearer ${token}`, 'x-purpose': 'SUBSISTENCE_REVIEW', 'x-case-id': 'A1' }), 403, 'PURPOSE_NOT_ALLOWED', /GRID/);
    expectRefused(await asUser({ authorization: `Bearer ${token}`, 'x-purpose': 'SNOOPING' }), 403, 'PURPOSE_NOT_ALLOWED', /Unknown purpose/);
  });

  it('needs a case for SUBSISTENCE_REVIEW: CASE_REQUIRED', async () => {
    const token = await userToken({ dept: 'CIVIL_AFFAIRS', jurisdiction: '120112' });
    expectRefused(await asUser({ authorization: `Bearer ${token}`, 'x-purpose': 'SUBSISTENCE_REVIEW' }), 400, 'CASE_REQUIRED', /X-Case-Id/);
  });

  it('answers a valid GRID token with GRID_SERVICE with data', async () => {
    const response = await asUser({ authorization: `Bearer ${await userToken(GRID_OFFICER)}`, 'x-purpose': 'GRID_SERVICE' });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const { totalCount, nodes } = response.data.people;
    expect(typeof totalCount).toBe('number');
    expect(nodes.length).toBe(Math.min(2, totalCount));
    for (const node of nodes) expect(node.id).toEqual(expect.any(String));
  });

  it('accepts GET for queries', async () => {
    const url = `${hub.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await userToken(GRID_OFFICER)}`, 'x-purpose': 'GRID_SERVICE' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('keeps the subgraph error code (BAD_USER_INPUT for a malformed ID number)', async () => {
    const token = await userToken({ dept: 'POPULATION', jurisdiction: '120112' });
    const response = await asUser({ authorization: `Bearer ${token}`, 'x-purpose': 'POPULATION_ADMINISTRATION' }, '{ person(idNumber: "12011219900101") { id } }');
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data).toEqual({ person: null });
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const headers = { authorization: `Bearer ${await userToken(GRID_OFFICER)}`, 'x-purpose': 'GRID_SERVICE', 'content-type': 'application/json' };
    const body = JSON.stringify({ query: '{ __typename }' });
    const echoed = await fetch(hub.gatewayUrl, { method: 'POST', headers: { ...headers, 'x-request-id': 'trace-42_a' }, body });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42_a');
    const replaced = await fetch(hub.gatewayUrl, { method: 'POST', headers: { ...headers, 'x-request-id': 'bad id; drop table' }, body });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves /health (every subgraph and its database up) and 404s anything else', async () => {
    const base = hub.gatewayUrl.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', subgraphs: { population: { status: 'up', database: 'up' } } });
    expect((await fetch(`${base}/graphiql`)).status).toBe(404);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${await userToken(GRID_OFFICER)}`, 'x-purpose': 'GRID_SERVICE', 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }\n#${'x'.repeat(2 * 1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses an oversize body sent without a Content-Length (chunked) with 413, and keeps serving', async () => {
    const oversize = Buffer.from(JSON.stringify({ query: `{ __typename }\n#${'x'.repeat(2 * 1024 * 1024)}` }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < oversize.length; offset += 64 * 1024) controller.enqueue(oversize.subarray(offset, offset + 64 * 1024));
        controller.close();
      },
    });
    const headers = { authorization: `Bearer ${await userToken(GRID_OFFICER)}`, 'x-purpose': 'GRID_SERVICE', 'content-type': 'application/json' };
    const refused = await fetch(hub.gatewayUrl, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    expect(refused.status).toBe(413);
    const next = await fetch(hub.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await next.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('a subgraph answers nothing without a gateway-signed internal token', () => {
  const SERVICE = '{ _service { sdl } }';
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
  const REPRESENTATIONS = { r: [{ __typename: 'Person', id: 'P0000000000000000' }] };

  const running = () => Object.entries(hub.subgraphUrls) as Array<[SubgraphName, string]>;

  it('covers every running subgraph', () => {
    expect(
      running()
        .map(([name]) => name)
        .sort(),
    ).toEqual((onlySubgraphs ?? SUBGRAPHS.map((s) => s.name)).slice().sort());
  });

  it.each([
    ['no token', () => ({})],
    ['an expired internal token', () => ({ 'x-gridhub-internal-token': expiredInternalToken() })],
    ['a user JWT in place of the internal token', async () => ({ 'x-gridhub-internal-token': await userToken(GRID_OFFICER) })],
  ] as Array<[string, () => Record<string, string> | Promise<Record<string, string>>]>)('refuses _service and _entities with %s: 401 UNAUTHENTICATED', async (_what, headers) => {
    for (const [name, url] of running()) {
      for (const [query, variables] of [
        [SERVICE, {}],
        [ENTITIES, REPRESENTATIONS],
        [PEOPLE, {}],
      ] as const) {
        const response = await postGraphQL(url, query, variables, await headers());
        expect({ subgraph: name, query, status: response.status, code: response.errors?.[0]?.extensions?.code, data: response.data }).toEqual({
          subgraph: name,
          query,
          status: 401,
          code: 'UNAUTHENTICATED',
          data: undefined,
        });
      }
    }
  });

  it('answers _service to a valid internal token (so the refusals above are about the token)', async () => {
    const token = await internalToken({ ...GRID_OFFICER, purpose: 'GRID_SERVICE' });
    for (const [name, url] of running()) {
      const response = await postGraphQL(url, SERVICE, {}, { 'x-gridhub-internal-token': token });
      expect({ subgraph: name, errors: response.errors }).toEqual({ subgraph: name, errors: undefined });
      expect(response.data._service.sdl).toContain('@key');
    }
  });
});

describe('shutdown', () => {
  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const gateway = hub.processes.get('gateway')!;
    const { port } = new URL(hub.gatewayUrl);
    const body = JSON.stringify({ query: PEOPLE });
    const socket = connect(Number(port), '127.0.0.1');
    const answer = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });
    // Headers now, body later: the request is in flight while the signal arrives.
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-type: application/json\r\n` +
        `authorization: Bearer ${await userToken(GRID_OFFICER)}\r\nx-purpose: GRID_SERVICE\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.child.exitCode).toBeNull();
    socket.write(body);
    const response = await answer;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"people"');
    expect(await gateway.exited).toBe(0);
    // No longer listening.
    await expect(fetch(hub.gatewayUrl.replace(/\/graphql$/, '/health'))).rejects.toThrow();
  });
});
