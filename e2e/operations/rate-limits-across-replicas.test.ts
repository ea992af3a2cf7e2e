/**
 * The rate limits with more than one gateway replica, against real processes: with REDIS_URL the replicas spend
 * from one budget per user (and per address for requests without a valid token, and sign-in); without it each
 * process counts alone; and a Redis that cannot be reached leaves the gateway serving, counting by itself.
 * Needs the machine's Redis (REDIS_URL, else redis://127.0.0.1:6379): the test fails, naming it, when absent.
 */
import { connect } from 'node:net';
import { freePort, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const QUERY = '{ people(first: 1) { totalCount } }';

/** PING over a bare socket: no client library in the test, and a clear error when Redis is not there. */
function pingRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port) || 6379, hostname);
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`Redis is not reachable at ${url} (${why}): this test needs it — start the machine's Redis or set REDIS_URL`));
    };
    socket.setTimeout(2000, () => fail('no answer in 2 s'));
    socket.once('error', (error) => fail(error.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve();
      else fail(`answered ${JSON.stringify(data.toString().trim())}`);
    });
  });
}

let hub: RunningHub;
let shared: [string, string];
let alone: [string, string];
let outage: string;

beforeAll(async () => {
  await pingRedis(REDIS_URL);
  const refused = await freePort();
  hub = await startHub({
    gateway: false,
    subgraphs: ['population'],
    env: {
      ...Object.fromEntries(['HOUSING', 'CIVIL_AFFAIRS', 'PUBLIC_SECURITY', 'GRID'].map((name) => [`SUBGRAPH_URL_${name}`, `http://127.0.0.1:${refused}/graphql`])),
      RATE_LIMIT_PER_MINUTE: '6',
      UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '4',
      REDIS_URL: '',
    },
  });
  // Keys of this run alone: another run (or the last one, within its minute) on the same Redis counts apart.
  const withRedis = { REDIS_URL, RATE_LIMIT_KEY_PREFIX: `gridhub-test:${process.pid}:${Date.now()}` };
  const unreachable = `redis://127.0.0.1:${await freePort()}`;
  const urls = await Promise.all([hub.addGateway(withRedis), hub.addGateway(withRedis), hub.addGateway(), hub.addGateway(), hub.addGateway({ REDIS_URL: unreachable })]);
  shared = [urls[0], urls[1]];
  alone = [urls[2], urls[3]];
  outage = urls[4];
});

afterAll(() => hub?.stop());

async function headersFor(sub: string) {
  return { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub })}`, 'x-purpose': 'GRID_SERVICE' };
}

/** The statuses of `count` requests sent in turn to each of `gateways`. */
async function statuses(gateways: string[], count: number, send: (gateway: string) => Promise<Response>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await send(gateways[i % gateways.length]);
    await response.text();
    seen.push(response.status);
  }
  return seen;
}

const post = (headers: Record<string, string>) => (gateway: string) =>
  fetch(gateway, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });

it('replicas with REDIS_URL share one budget per user: RATE_LIMITED after the limit, whichever replica is asked', async () => {
  const headers = await headersFor('replicas-shared');
  expect(await statuses(shared, 8, post(headers))).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  const refused = await post(headers)(shared[1]);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect((await refused.json()).errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/the limit is 6 a minute/) });
  // Another user has a budget of their own.
  expect((await postGraphQL(shared[0], QUERY, {}, await headersFor('replicas-shared-other'))).status).toBe(200);
});

it('replicas without REDIS_URL each count alone', async () => {
  const headers = await headersFor('replicas-alone');
  expect(await statuses(alone, 8, post(headers))).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
  // The first replica has had 4 of its 6.
  expect(await statuses([alone[0]], 3, post(headers))).toEqual([200, 200, 429]);
});

it('requests without a valid token, and sign-in, are counted by address across the replicas', async () => {
  const badToken = post({ authorization: 'Bearer not-a-token', 'x-purpose': 'GRID_SERVICE' });
  expect(await statuses(shared, 5, badToken)).toEqual([401, 401, 401, 401, 429]);
  const signIn = await fetch(shared[1].replace(/\/graphql$/, '/auth/config'));
  expect(signIn.status).toBe(429);
  expect((await signIn.json()).errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/the limit is 4 a minute/) });
  // A valid token is counted by its user, not by the address.
  expect((await postGraphQL(shared[0], QUERY, {}, await headersFor('replicas-after-bad-tokens'))).status).toBe(200);
  // A replica counting alone has not seen them.
  expect((await fetch(alone[1].replace(/\/graphql$/, '/auth/config'))).status).toBe(200);
});

it('a Redis that cannot be reached leaves the gateway serving, counting by itself, and it says so', async () => {
  const headers = await headersFor('replicas-outage');
  expect(await statuses([outage], 7, post(headers))).toEqual([200, 200, 200, 200, 200, 200, 429]);
  expect(hub.output.get('gateway-5')!.join('\n')).toMatch(/Redis unreachable: rate limits are counted by each gateway process/);
});
