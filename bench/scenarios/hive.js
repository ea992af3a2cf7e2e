'use strict';
/*
 * throughput_vs_hive_gateway_ratio: closed-loop throughput of gridhub's gateway ÷ Hive Gateway, same
 * cross-department query, same clients, same subgraph processes, alternating which gateway goes first.
 * Hive Gateway runs the checked-in supergraph (one process, as gridhub's) and forwards one internal token
 * pre-signed by the bench; it does not verify the user's JWT — gridhub's gateway does, and signs a token
 * per request: that work is part of what is compared.
 */
const { closedLoop } = require('../lib/load');
const { Target } = require('../lib/load');
const { delta } = require('../lib/hub');
const { round, spread, summary } = require('../lib/stats');

async function hive(ctx) {
  const s = ctx.settings;
  const hiveUrl = await ctx.hub.startHive(ctx.tokens.internal);
  const gridhub = ctx.kind('cross-department record via gateway');
  const hiveTarget = new Target(hiveUrl, gridhub.target.headers);
  const hiveKind = { ...gridhub, name: 'cross-department record via Hive Gateway', target: hiveTarget };
  const gatewayProcess = { gridhub: 'gateway', hive: 'hive-gateway' };
  try {
    for (const k of [gridhub, hiveKind]) await closedLoop(k.target, { ...k, concurrency: s.concurrency, durationMs: s.warmupMs });
    const throughput = { gridhub: [], hive: [] };
    const latency = { gridhub: [], hive: [] };
    const cpu = { gridhub: [], hive: [] };
    const failures = [];
    const ratios = [];
    for (let r = 0; r < s.repeats; r++) {
      const order =
        r % 2 === 0
          ? [
              ['gridhub', gridhub],
              ['hive', hiveKind],
            ]
          : [
              ['hive', hiveKind],
              ['gridhub', gridhub],
            ];
      for (const [label, k] of order) {
        const before = await ctx.hub.snapshot();
        const run = await closedLoop(k.target, { ...k, concurrency: s.concurrency, durationMs: s.saturationMs });
        const after = await ctx.hub.snapshot();
        const d = delta(before, after);
        throughput[label].push(run.throughput);
        latency[label].push(summary(run.tally.latencies));
        cpu[label].push(round(d[gatewayProcess[label]].cpuMs / Math.max(1, run.completed), 3));
        if (run.tally.failures) failures.push({ gateway: label, repeat: r + 1, failures: run.tally.failures, first: run.tally.firstFailures() });
      }
      ratios.push(throughput.gridhub[r] / throughput.hive[r]);
      ctx.log(
        `repeat ${r + 1}: gridhub ${throughput.gridhub[r].toFixed(0)} req/s (gateway CPU ${cpu.gridhub[r]} ms/req), Hive ${throughput.hive[r].toFixed(0)} req/s (${cpu.hive[r]} ms/req), ratio ${ratios[r].toFixed(2)}`,
      );
    }
    const ratio = spread(ratios);
    ctx.record('throughput_vs_hive_gateway_ratio', ratio.median, {
      spread: ratio,
      gridhubReqPerS: spread(throughput.gridhub),
      hiveReqPerS: spread(throughput.hive),
      gridhubP50Ms: spread(latency.gridhub.map((x) => x.p50)),
      hiveP50Ms: spread(latency.hive.map((x) => x.p50)),
      gatewayCpuMsPerRequest: { gridhub: spread(cpu.gridhub), hive: spread(cpu.hive) },
      concurrency: s.concurrency,
      durationSPerRepeat: s.saturationMs / 1000,
      hiveGateway: require('@graphql-hive/gateway/package.json').version,
      failures,
      query: 'BenchRecord (cross-department, 5 subgraphs)',
    });
  } finally {
    await hiveTarget.close();
    await ctx.hub.stopProcess('hive-gateway');
  }
}

module.exports = { hive };
