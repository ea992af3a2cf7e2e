import { Counter } from 'prom-client';
import { HttpError, sendJson } from './http-server';
import { createMetricsRegistry, openFrontDoor, type Readiness, type RunningFrontDoor } from './front-door';
import { ConfigError, parseEnv, portNumber, wholeNumber, z } from './env-config';

const registry = createMetricsRegistry('front_door_test_', { service: 'test' });
const served = new Counter({ name: 'front_door_test_served_total', help: 'requests', registers: [registry] });
const logged: unknown[] = [];
let readiness: Readiness = { ready: true, body: { status: 'ok' } };
let release: () => void = () => {};
let afterDrainRan = false;
let door: RunningFrontDoor;
let base: string;

beforeAll(async () => {
  door = await openFrontDoor(
    {
      liveness: { service: 'test' },
      readiness: async () => readiness,
      metrics: registry,
      requestId: (req) => String(req.headers['x-request-id'] ?? 'generated'),
      echoRequestId: true,
      notFoundHint: () => 'try /work',
      unexpected: () => ({ status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' }),
      log: { error: (fields) => logged.push(fields) },
      afterDrain: async () => {
        afterDrainRan = true;
      },
      handle: async ({ res, path }) => {
        served.inc();
        if (path === '/refused') throw new HttpError(413, 'BAD_REQUEST', 'too big');
        if (path === '/broken') throw new Error('secret detail');
        if (path === '/slow') await new Promise<void>((resolve) => (release = resolve));
        else if (path !== '/work') return false;
        sendJson(res, 200, path === '/slow' ? { slow: true } : { done: true });
        return true;
      },
    },
    0,
    '127.0.0.1',
  );
  base = `http://127.0.0.1:${door.port}`;
});

afterAll(() => door.stop(100));

it('answers liveness, readiness (503 when not ready, never cached) and metrics', async () => {
  expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok', service: 'test' });
  readiness = { ready: false, body: { status: 'down' } };
  const down = await fetch(`${base}/health`);
  expect(down.status).toBe(503);
  expect(down.headers.get('cache-control')).toBe('no-store');
  readiness = { ready: true, body: { status: 'ok' } };
  expect((await fetch(`${base}/health`)).status).toBe(200);
  await fetch(`${base}/work`);
  expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/front_door_test_served_total\{service="test"\} [1-9]/);
  expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
});

it('routes to the service, 404s the rest with its hint, and echoes the request id', async () => {
  const work = await fetch(`${base}/work?x=1`, { headers: { 'x-request-id': 'r-1' } });
  expect(await work.json()).toEqual({ done: true });
  expect(work.headers.get('x-request-id')).toBe('r-1');
  const missing = await fetch(`${base}/nowhere`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({ error: 'not found', hint: 'try /work' });
});

it('keeps an HttpError status and code; anything else is logged and answered as the service says', async () => {
  const refused = await fetch(`${base}/refused`);
  expect(refused.status).toBe(413);
  expect(await refused.json()).toEqual({ errors: [{ message: 'too big', extensions: { code: 'BAD_REQUEST' } }] });
  const broken = await fetch(`${base}/broken`);
  expect(broken.status).toBe(500);
  expect(JSON.stringify(await broken.json())).not.toContain('secret');
  expect(JSON.stringify(logged)).toContain('secret detail');
});

it('drains: a request in flight finishes, then afterDrain runs and new connections are refused', async () => {
  const slow = fetch(`${base}/slow`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stopped = door.stop(5000);
  release();
  expect(await (await slow).json()).toEqual({ slow: true });
  await stopped;
  expect(afterDrainRan).toBe(true);
  await expect(fetch(`${base}/health/live`)).rejects.toThrow();
});

describe('configuration from the environment', () => {
  const schema = z.object({ PORT: portNumber(4000), WORKERS: wholeNumber(2, 1, 8) });

  it('applies defaults to unset and blank variables', () => {
    expect(parseEnv(schema, { PORT: ' ' })).toEqual({ PORT: 4000, WORKERS: 2 });
  });

  it.each([
    [{ PORT: '1e3' }, 'PORT must be a port number from 0 to 65535; got "1e3"'],
    [{ WORKERS: '9' }, 'WORKERS must be a whole number from 1 to 8; got "9"'],
  ])('refuses %j naming the variable and its value', (env, message) => {
    expect(() => parseEnv(schema, env)).toThrow(ConfigError);
    expect(() => parseEnv(schema, env)).toThrow(message);
  });
});
