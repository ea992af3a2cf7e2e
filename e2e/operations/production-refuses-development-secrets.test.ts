/**
 * A production process never falls back to the development keys generated under .gridhub or to the demo person-key
 * secret (issue #13 part 1): started with NODE_ENV=production and without its real keys and secrets, the gateway
 * and a subgraph stop at once (exit 2), naming what to set. Given them (as `productionEnv()` does, and the
 * production tests start with), they run.
 */
import { spawnSync } from 'node:child_process';
import { DEMO_PERSON_ID_SECRET } from '@hub/domain';
import { gatewayEntry, subgraphEntry } from '@hub/stack';
import { productionEnv } from '@hub/testkit';

/** The environment without any key or secret a developer's shell might carry. */
function bare(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['USER_JWKS_URL', 'USER_JWKS_PATH', 'USER_JWT_PUBLIC_KEY', 'USER_JWT_ISSUER', 'INTERNAL_TOKEN_PRIVATE_KEY', 'INTERNAL_TOKEN_PUBLIC_KEY', 'PERSON_ID_SECRET']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function start(script: string, env: NodeJS.ProcessEnv) {
  const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, said: `${run.stdout}${run.stderr}` };
}

it('refuses to start the gateway on the development keys, naming each missing setting', () => {
  const { status, said } = start(gatewayEntry(), bare({ NODE_ENV: 'production', PORT: '0' }));
  expect(status).toBe(2);
  expect(said).toContain('NODE_ENV=production needs its real keys and secrets');
  for (const name of ['USER_JWKS_URL, USER_JWKS_PATH or USER_JWT_PUBLIC_KEY', 'USER_JWT_ISSUER', 'INTERNAL_TOKEN_PRIVATE_KEY']) expect(said).toContain(name);
});

it('refuses to start a subgraph without the gateway key or with the demo person-key secret', () => {
  const missing = start(subgraphEntry('population'), bare({ NODE_ENV: 'production', PORT: '0' }));
  expect(missing.status).toBe(2);
  expect(missing.said).toMatch(/population: NODE_ENV=production needs its real keys and secrets.*INTERNAL_TOKEN_PUBLIC_KEY.*PERSON_ID_SECRET \(not the demo value\)/);
  const { INTERNAL_TOKEN_PUBLIC_KEY } = productionEnv();
  const demo = start(subgraphEntry('population'), bare({ NODE_ENV: 'production', PORT: '0', INTERNAL_TOKEN_PUBLIC_KEY, PERSON_ID_SECRET: DEMO_PERSON_ID_SECRET }));
  expect(demo.status).toBe(2);
  expect(demo.said).toContain('PERSON_ID_SECRET (not the demo value)');
  const short = start(subgraphEntry('population'), bare({ NODE_ENV: 'production', PORT: '0', INTERNAL_TOKEN_PUBLIC_KEY, PERSON_ID_SECRET: 'too-short' }));
  expect(short.said).toContain('PERSON_ID_SECRET of at least 32 characters');
});
