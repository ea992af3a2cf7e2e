/**
 * The "done when": killing any one subgraph mid-load loses no other department's data, and it is
 * back by itself. The stack runs under the same Supervisor `npm start` uses, on free ports; housing is killed
 * with SIGKILL while requests stream in.
 */
import { Supervisor, gatewayEntry, subgraphEntry } from '@hub/stack';
import { SUBGRAPHS, subgraphUrlVariable } from '@hub/topology';
import { freePort, postGraphQL, userToken, type GraphQLResponse } from '@hub/testkit';

const QUERY = `query Overview {
  people(first: 5) {
    nodes { name receivesAssistance needsAttention floatingRegistration { inflowReason } ownedDwellingCount residence { address } }
  }
}`;

interface Sample {
  at: number;
  response?: GraphQLResponse;
  failure?: string;
}

let supervisor: Supervisor;
let gatewayUrl: string;
let healthUrls: Record<string, string>;
const lines: string[] = [];

beforeAll(async () => {
  supervisor = new Supervisor(
    (line) => lines.push(`[supervisor] ${line}`),
    (name, line) => lines.push(`[${name}] ${line}`),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', SUBGRAPH_TIMEOUT_MS: '3000', BREAKER_THRESHOLD: '3', BREAKER_COOLDOWN_MS: '500' };
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async ({ name }) => [name, await freePort()] as const)));
  const urls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), `http://127.0.0.1:${ports[name]}/graphql`]));
  healthUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, `http://127.0.0.1:${ports[name]}/health`]));
  await Promise.all(SUBGRAPHS.map(({ name }) => supervisor.start({ name, script: subgraphEntry(name), env: { ...env, ...urls, PORT: String(ports[name]) }, healthUrl: healthUrls[name] })));
  const gatewayPort = await freePort();
  await supervisor.start({ name: 'gateway', script: gatewayEntry(), env: { ...env, ...urls, PORT: String(gatewayPort) }, healthUrl: `http://127.0.0.1:${gatewayPort}/health/live` });
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
});

afterAll(async () => {
  await supervisor?.stopAll();
});

async function isHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

const otherDepartments = (response: GraphQLResponse) =>
  response.data?.people?.nodes?.map((p: Record<string, any>) => ({ name: p.name, receivesAssistance: p.receivesAssistance, needsAttention: p.needsAttention, floating: p.floatingRegistration }));

it('keeps answering for the other departments while housing is killed, names housing, and housing is back within seconds', async () => {
  const headers = { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub: 'resilience-test' })}`, 'x-purpose': 'GRID_SERVICE' };
  const baseline = await postGraphQL(gatewayUrl, QUERY, {}, headers);
  expect(baseline.errors).toBeUndefined();
  expect(baseline.data.people.nodes).toHaveLength(5);
  expect(baseline.data.people.nodes.every((p: any) => typeof p.ownedDwellingCount === 'number')).toBe(true);

  const samples: Sample[] = [];
  let streaming = true;
  const started = Date.now();
  const worker = async () => {
    while (streaming) {
      const at = Date.now() - started;
      try {
        samples.push({ at, response: await postGraphQL(gatewayUrl, QUERY, {}, headers) });
      } catch (error) {
        samples.push({ at, failure: (error as Error).message });
      }
    }
  };
  const workers = [worker(), worker(), worker()];

  await new Promise((resolve) => setTimeout(resolve, 1000));
  const victim = supervisor.process('housing')!;
  const killedAt = Date.now() - started;
  victim.child.kill('SIGKILL');
  await victim.exited;

  let backAt: number | undefined;
  while (Date.now() - started < killedAt + 30_000) {
    if (supervisor.process('housing') !== victim && (await isHealthy(healthUrls.housing))) {
      backAt = Date.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Keep streaming a little after the restart, so recovery through the breaker is observed too.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  streaming = false;
  await Promise.all(workers);

  const recoverySeconds = ((backAt ?? Infinity) - killedAt) / 1000;
  const failed = samples.filter((s) => s.failure);
  const degraded = samples.filter((s) => s.response?.errors);
  process.stderr.write(
    `[resilience] ${samples.length} requests; housing killed at ${killedAt} ms, healthy again after ${recoverySeconds.toFixed(1)} s; ${degraded.length} answers named an unavailable department, ${failed.length} transport failures\n`,
  );

  expect(backAt).toBeDefined();
  // About 2.5 s on an idle 2-core machine (1 s backoff + the subgraph's start); up to ~15 s while the rest of
  // the suite keeps both cores busy. The bound is there to catch a supervisor that does not restart at all.
  expect(recoverySeconds).toBeLessThan(30);
  expect(failed).toEqual([]);
  for (const { response } of samples) {
    expect(response!.status).toBe(200);
    // Population, civil affairs and public security answered every single request, with the same data.
    expect(otherDepartments(response!)).toEqual(otherDepartments(baseline));
    for (const error of response!.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', department: 'HOUSING', serviceName: 'housing' });
    }
  }
  expect(degraded.length).toBeGreaterThan(0);
  // Housing is asked twice per request (owned dwellings, then addresses); a request caught at the moment of the
  // kill may have had one answer already. Once housing is down, both of its parts are null.
  const unavailable = degraded.map((s) => s.response!).find((r) => r.data.people.nodes.every((p: any) => p.ownedDwellingCount === null));
  expect(unavailable).toBeDefined();
  expect(unavailable!.errors![0].message).toMatch(/HOUSING department/);

  // Back by itself: a request after the restart has housing's data again, without errors.
  const after = await postGraphQL(gatewayUrl, QUERY, {}, headers);
  expect(after.errors).toBeUndefined();
  expect(after.data).toEqual(baseline.data);
  expect(lines.some((line) => /housing exited with code null; restarting in 1 s/.test(line))).toBe(true);
});
