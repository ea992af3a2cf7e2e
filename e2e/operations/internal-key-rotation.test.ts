/**
 * The gateway's internal-token key rotates without a failed request (issue #13 part 2). Each token names its key
 * (`kid`, derived from the key); a subgraph trusts every key in INTERNAL_TOKEN_PUBLIC_KEY. The rotation, as
 * docs/operations.md describes it: every subgraph trusts the current and the next key; a gateway signing with the
 * next key takes the traffic while the old one drains; then the subgraphs trust the next key alone, and a token of
 * the old key is refused.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERNAL_TOKEN_HEADER, gridhubHome, internalKeyId, signInternalToken, type RequestIdentity } from '@hub/access';
import { freePort, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';

const QUERY = '{ people(first: 1) { totalCount } }';
const currentPublicPem = readFileSync(join(gridhubHome(), 'keys', 'internal.public.pem'), 'utf8');
const currentPrivatePem = readFileSync(join(gridhubHome(), 'keys', 'internal.private.pem'), 'utf8');
const next = generateKeyPairSync('ed25519');
const nextPublicPem = next.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const nextPrivatePem = next.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const hubs: RunningHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.stop()));
});

async function onlyPopulation(env: NodeJS.ProcessEnv, gateway = true): Promise<RunningHub> {
  const nobody = `http://127.0.0.1:${await freePort()}/graphql`;
  const hub = await startHub({
    gateway,
    subgraphs: ['population'],
    env: { SUBGRAPH_URL_HOUSING: nobody, SUBGRAPH_URL_CIVIL_AFFAIRS: nobody, SUBGRAPH_URL_PUBLIC_SECURITY: nobody, SUBGRAPH_URL_GRID: nobody, RATE_LIMIT_PER_MINUTE: '0', ...env },
  });
  hubs.push(hub);
  return hub;
}

it('moves the traffic to a gateway with the next key while the old one drains, and no request fails', async () => {
  const hub = await onlyPopulation({ INTERNAL_TOKEN_PUBLIC_KEY: `${currentPublicPem}\n${nextPublicPem}`, INTERNAL_TOKEN_PRIVATE_KEY: currentPrivatePem });
  const headers = { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub: 'rotation-load' })}`, 'x-purpose': 'GRID_SERVICE' };
  let target = hub.gatewayUrl;
  let stopped = false;
  const answered: Record<string, number> = {};
  const failures: unknown[] = [];
  const load = async () => {
    while (!stopped) {
      const url = target;
      const response = await postGraphQL(url, QUERY, {}, headers).catch((error: Error) => ({ status: 0, errors: [{ message: error.message }], data: undefined }));
      if (response.status !== 200 || response.errors) failures.push({ url, status: response.status, errors: response.errors });
      else answered[url] = (answered[url] ?? 0) + 1;
    }
  };
  const loops = Array.from({ length: 4 }, load);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rotated = await hub.addGateway({ INTERNAL_TOKEN_PRIVATE_KEY: nextPrivatePem });
  target = rotated;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await hub.processes.get('gateway')!.stop(); // the old gateway drains: its requests in flight still finish
  await new Promise((resolve) => setTimeout(resolve, 500));
  stopped = true;
  await Promise.all(loops);
  expect(failures).toEqual([]);
  expect(answered[hub.gatewayUrl]).toBeGreaterThan(5);
  expect(answered[rotated]).toBeGreaterThan(5);
}, 120_000);

it('refuses, once the subgraphs trust the next key alone, a token of the old key — and takes one of the next', async () => {
  const hub = await onlyPopulation({ INTERNAL_TOKEN_PUBLIC_KEY: nextPublicPem }, false);
  const url = hub.subgraphUrls.population;
  const identity: RequestIdentity = { sub: 'rotation-direct', name: '轮换测试', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112', purpose: 'GRID_SERVICE', requestId: 'rotation-direct-1' };
  const body = JSON.stringify({ query: QUERY, variables: {} });
  const send = async (privatePem: string) => {
    const token = await signInternalToken(createPrivateKey(privatePem), identity, { subgraph: 'population', bound: body });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token }, body });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };
  const old = await send(currentPrivatePem);
  expect(old.status).toBe(401);
  const oldKeyId = internalKeyId(createPublicKey(currentPublicPem));
  expect(oldKeyId).not.toBe(internalKeyId(next.publicKey));
  expect(old.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining(`does not trust (key id ${oldKeyId})`) });
  const fresh = await send(nextPrivatePem);
  expect(fresh.status).toBe(200);
  expect(fresh.body.errors).toBeUndefined();
}, 120_000);
