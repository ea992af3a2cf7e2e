// Hive Gateway configuration for bench/scenarios/hive.js: the same supergraph file as gridhub's gateway,
// the run's subgraph locations, and the internal token every subgraph requires — signed per subgraph fetch over the
// body sent, with the same key and claims as gridhub's gateway (ADR 0016), for the identity the bench names.
// BENCH_HIVE_RUST_PLANNER=true runs it on Hive Router's runtime: the Rust query planner and its executor.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { defineConfig } from '@graphql-hive/gateway';

const { gridhubHome, loadPrivateKey, signInternalToken } = createRequire(import.meta.url)('@hub/access');
const subgraphs = JSON.parse(process.env.BENCH_HIVE_SUBGRAPHS || '{}');
if (!process.env.BENCH_INTERNAL_IDENTITY) throw new Error('BENCH_INTERNAL_IDENTITY is required');
const identity = JSON.parse(process.env.BENCH_INTERNAL_IDENTITY);
const internalKey = loadPrivateKey(gridhubHome(), 'internal');
const subgraphAt = new Map(Object.entries(subgraphs).map(([name, location]) => [new URL(location).origin, name]));

/** Signs each subgraph fetch as gridhub's gateway does: for that subgraph, bound to the body, once. */
const signEachFetch = {
  async onFetch({ url, options, setOptions }) {
    const subgraph = subgraphAt.get(new URL(url).origin);
    if (!subgraph || typeof options.body !== 'string') return;
    const token = await signInternalToken(internalKey, { ...identity, requestId: randomUUID() }, { subgraph, bound: options.body });
    setOptions({ ...options, headers: { ...options.headers, 'x-gridhub-internal-token': token } });
  },
};
const routerRuntime = process.env.BENCH_HIVE_RUST_PLANNER === 'true' ? await import('@graphql-hive/router-runtime') : null;
if (routerRuntime) process.stderr.write('BENCH_HIVE_RUNTIME router-runtime (Rust query planner)\n');

export const gatewayConfig = defineConfig({
  transportEntries: Object.fromEntries(Object.entries(subgraphs).map(([name, location]) => [name, { location }])),
  plugins: () => [signEachFetch],
  // Tracing and usage reporting stay off (nothing is configured for them); no schema polling of a static file.
  pollingInterval: 0,
  logging: 'error',
  ...(routerRuntime ? { unifiedGraphHandler: routerRuntime.unifiedGraphHandler } : {}),
});
