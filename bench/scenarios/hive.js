'use strict';
/*
 * throughput_vs_hive_gateway_ratio and throughput_vs_hive_rust_planner_ratio: closed-loop throughput of gridhub's
 * gateway ÷ each of two peers, same cross-department query, same clients, same subgraph processes, the order of
 * the three rotating every repeat. The peers are Hive Gateway on its default (JavaScript) runtime and Hive Gateway
 * on Hive Router's runtime (`@graphql-hive/router-runtime`: the Rust query planner as a native addon, and its
 * executor). Both run the checked-in supergraph (one process each, as gridhub's) and sign each subgraph fetch's
 * internal token as gridhub's gateway does (bench/hive/gateway.config.mjs); they do not verify the user's JWT —
 * gridhub's gateway does: that work is part of what is compared.
 */
const { closedLoop, Target } = require('../lib/load');
const { delta } = require('../lib/hub');
const { round, spread, summary } = require('../lib/stats');

const PEERS = [
  { label: 'hive', process: 'hive-gateway', rustPlanner: false, description: 'Hive Gateway' },
  { label: 'hiveRust', process: 'hive-rust-planner', rustPlanner: true, description: 'Hive Gateway, Rust query planner' },
];

async function hive(ctx) {
  const s = ctx.settings;
  const gridhub = ctx.kind('cross-department record via gateway');
  const contenders = [{ label: 'gridhub', process: 'gateway', kind: gridhub }];
  try {
    for (const peer of PEERS) {
      const url = await ctx.hub.startHive(ctx.tokens.internalIdentity, { name: peer.process, rustPlanner: peer.rustPlanner });
      const target = new Target(url, gridhub.target.headers);
      contenders.push({ ...peer, kind: { ...gridhub, name: `cross-department record via ${peer.description}`, target } });
    }
    for (const { kind } of contenders) await closedLoop(kind.target, { ...kind, concurrency: s.concurrency, durationMs: s.warmupMs });
    const throughput = Object.fromEntries(contenders.map((c) => [c.label, []]));
    const latency = Object.fromEntries(contenders.map((c) => [c.label, []]));
    const cpu = Object.fromEntries(contenders.map((c) => [c.label, []]));
    const ratios = Object.fromEntries(PEERS.map((p) => [p.label, []]));
    const failures = [];
    for (let r = 0; r < s.repeats; r++) {
      // Each repeat starts with a different contender, so none always runs first (or last) on a warming machine.
      const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]);
      for (const { label, process, kind } of order) {
        const before = await ctx.hub.snapshot();
        const run = await closedLoop(kind.target, { ...kind, concurrency: s.concurrency, durationMs: s.saturationMs });
        const after = await ctx.hub.snapshot();
        const d = delta(before, after);
        throughput[label].push(run.throughput);
        latency[label].push(summary(run.tally.latencies));
        cpu[label].push(round(d[process].cpuMs / Math.max(1, run.completed), 3));
        if (run.tally.failures) failures.push({ gateway: label, repeat: r + 1, failures: run.tally.failures, first: run.tally.firstFailures() });
      }
      for (const peer of PEERS) ratios[peer.label].push(throughput.gridhub[r] / throughput[peer.label][r]);
      ctx.log(
        `repeat ${r + 1}: ` +
          contenders.map(({ label }) => `${label} ${throughput[label][r].toFixed(0)} req/s (gateway CPU ${cpu[label][r]} ms/req)`).join(', ') +
          `; ratios ${PEERS.map((p) => ratios[p.label][r].toFixed(2)).join(' / ')}`,
      );
    }
    const common = {
      gridhubReqPerS: spread(throughput.gridhub),
      gridhubP50Ms: spread(latency.gridhub.map((x) => x.p50)),
      concurrency: s.concurrency,
      durationSPerRepeat: s.saturationMs / 1000,
      hiveGateway: require('@graphql-hive/gateway/package.json').version,
      failures,
      query: 'BenchRecord (cross-department, 5 subgraphs)',
    };
    for (const [key, peer] of [
      ['throughput_vs_hive_gateway_ratio', PEERS[0]],
      ['throughput_vs_hive_rust_planner_ratio', PEERS[1]],
    ]) {
      const ratio = spread(ratios[peer.label]);
      ctx.record(key, ratio.median, {
        ...common,
        spread: ratio,
        peer: peer.description,
        peerReqPerS: spread(throughput[peer.label]),
        peerP50Ms: spread(latency[peer.label].map((x) => x.p50)),
        gatewayCpuMsPerRequest: { gridhub: spread(cpu.gridhub), peer: spread(cpu[peer.label]) },
        ...(peer.rustPlanner ? { routerRuntime: require('@graphql-hive/router-runtime/package.json').version } : {}),
      });
    }
  } finally {
    for (const { kind } of contenders.slice(1)) await kind.target.close();
    for (const peer of PEERS) await ctx.hub.stopProcess(peer.process);
  }
}

module.exports = { hive };
