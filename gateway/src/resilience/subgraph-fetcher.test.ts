import { createServer, type Server } from 'node:http';
import { CircuitBreaker } from './circuit-breaker';
import { SubgraphFetchError, createSubgraphFetcher, isRetryableOperation } from './subgraph-fetcher';

/** A real HTTP server that answers 503 to every request and counts them. */
let server: Server;
let url: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume().on('end', () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"down","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const body = (query: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

it('sends a query twice after a 5xx and a mutation once, and returns the last answer with its body', async () => {
  const { fetcher, destroy } = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 2 }, new CircuitBreaker(100, 1000));
  hits = 0;
  const query = await fetcher(url, body('query Q__population__0 { people { totalCount } }'));
  expect(hits).toBe(2);
  expect(query.status).toBe(503);
  expect(await query.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  hits = 0;
  await fetcher(url, body('mutation M__civil_affairs__0 { openAssistanceApplication(idNumber: "x", authorizationOnFile: true) { id } }'));
  expect(hits).toBe(1);
  destroy();
});

it('opens the breaker after the threshold and then fails at once without a request', async () => {
  const breaker = new CircuitBreaker(2, 60_000);
  const { fetcher, destroy } = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 2 }, breaker);
  await fetcher(url, body('{ a }'));
  await fetcher(url, body('{ a }'));
  expect(breaker.state).toBe('open');
  hits = 0;
  await expect(fetcher(url, body('{ a }'))).rejects.toMatchObject({ reason: 'circuit_open' });
  expect(hits).toBe(0);
  destroy();
});

it('retries a query once after a refused connection, then reports a connection error', async () => {
  const attempts: string[] = [];
  const { fetcher, destroy } = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 2 }, new CircuitBreaker(100, 1000), (outcome) => attempts.push(outcome));
  const error = await fetcher('http://127.0.0.1:1/graphql', body('{ a }')).catch((e) => e);
  expect(error).toBeInstanceOf(SubgraphFetchError);
  expect(error.reason).toBe('connection');
  expect(attempts).toEqual(['connection', 'connection']);
  destroy();
});

it('lets one trial call through after the cooldown and closes again on its success', () => {
  let now = 0;
  const breaker = new CircuitBreaker(1, 1000, () => now);
  breaker.failed();
  expect(breaker.tryAcquire()).toBe(false);
  now = 1000;
  expect(breaker.tryAcquire()).toBe(true);
  expect(breaker.tryAcquire()).toBe(false);
  breaker.succeeded();
  expect(breaker.state).toBe('closed');
});

it.each([
  ['query X { a }', true],
  ['{ a }', true],
  ['mutation { a }', false],
  ['subscription { a }', false],
])('treats %s as retryable: %s', (query, expected) => {
  expect(isRetryableOperation(JSON.stringify({ query }))).toBe(expected);
});

it.each([
  [{ operationName: 'Q', query: 'query Q { a }' }, true],
  [{ variables: { note: '{"query":"query X { a }"}' }, query: 'mutation M { a }' }, false],
  [{ query: '  \n mutation M { a }' }, false],
  [{ query: 'queryish' }, false],
])('reads the operation of a body that does not start with it (%j): retryable %s', (request, expected) => {
  expect(isRetryableOperation(JSON.stringify(request))).toBe(expected);
});

it('times an attempt out when a subgraph stalls mid-answer, and never sends a mutation twice', async () => {
  let stalled = 0;
  const slow = createServer((req, res) => {
    stalled++;
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).write('{"data":'));
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const slowUrl = `http://127.0.0.1:${(slow.address() as { port: number }).port}/graphql`;
  const attempts: string[] = [];
  const { fetcher, destroy } = createSubgraphFetcher({ timeoutMs: 300, maxSockets: 2 }, new CircuitBreaker(100, 1000), (outcome) => attempts.push(outcome));
  const error = await fetcher(slowUrl, body('mutation M { a }')).catch((e) => e);
  expect(error).toMatchObject({ reason: 'timeout' });
  expect(stalled).toBe(1);
  expect(attempts).toEqual(['timeout']);
  destroy();
  slow.closeAllConnections();
  await new Promise<void>((resolve) => slow.close(() => resolve()));
});

it('answers with the status, headers and body the subgraph sent', async () => {
  const ok = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-extra': 'one' }).end('{"data":{"a":"网格"}}')));
  await new Promise<void>((resolve) => ok.listen(0, '127.0.0.1', resolve));
  const okUrl = `http://127.0.0.1:${(ok.address() as { port: number }).port}/graphql?x=1`;
  const { fetcher, destroy } = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 2 }, new CircuitBreaker(100, 1000));
  const response = await fetcher(okUrl, body('{ a }'));
  expect([response.status, response.ok, response.statusText, response.url]).toEqual([200, true, 'OK', okUrl]);
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('x-extra')).toBe('one');
  expect(await response.clone().json()).toEqual({ data: { a: '网格' } });
  expect(await response.text()).toBe('{"data":{"a":"网格"}}');
  destroy();
  await new Promise<void>((resolve) => ok.close(() => resolve()));
});

it('signs each attempt of a retried query over the exact body it sends (a subgraph refuses a token twice)', async () => {
  const signed: string[] = [];
  const seen: Array<string | undefined> = [];
  const recorder = createServer((req, res) => {
    seen.push(req.headers['x-gridhub-internal-token'] as string | undefined);
    req.resume().on('end', () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"down"}]}'));
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(recorder.address() as { port: number }).port}/graphql`;
  const { fetcher, destroy } = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 2 }, new CircuitBreaker(100, 1000), undefined, async (sent, headers) => {
    signed.push(sent);
    return { ...headers, 'x-gridhub-internal-token': `token-${signed.length}` };
  });
  const request = body('query Q__population__0 { people { totalCount } }');
  await fetcher(target, request);
  expect(signed).toEqual([request.body, request.body]);
  expect(seen).toEqual(['token-1', 'token-2']);
  destroy();
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
});
