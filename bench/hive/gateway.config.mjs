// Hive Gateway configuration for bench/scenarios/hive.js: the same supergraph file as gridhub's gateway,
// the run's subgraph locations, and the gateway-signed internal token every subgraph requires — one token,
// pre-signed by the bench with the same key and claims gridhub's gateway would sign per request.
// BENCH_HIVE_RUST_PLANNER=true runs it on Hive Router's runtime: the Rust query planner and its executor.
import { defineConfig } from '@graphql-hive/gateway';

const subgraphs = JSON.parse(process.env.BENCH_HIVE_SUBGRAPHS || '{}');
const token = process.env.BENCH_INTERNAL_TOKEN;
if (!token) throw new Error('BENCH_INTERNAL_TOKEN is required');
const routerRuntime = process.env.BENCH_HIVE_RUST_PLANNER === 'true' ? await import('@graphql-hive/router-runtime') : null;
if (routerRuntime) process.stderr.write('BENCH_HIVE_RUNTIME router-runtime (Rust query planner)\n');

export const gatewayConfig = defineConfig({
  transportEntries: Object.fromEntries(Object.entries(subgraphs).map(([name, location]) => [name, { location, headers: [['x-gridhub-internal-token', token]] }])),
  // Tracing and usage reporting stay off (nothing is configured for them); no schema polling of a static file.
  pollingInterval: 0,
  logging: 'error',
  ...(routerRuntime ? { unifiedGraphHandler: routerRuntime.unifiedGraphHandler } : {}),
});
