'use strict';
/*
 * gateway_overhead_p99_ms and the latency-versus-load curve. The single-subgraph query (population alone):
 *   1. saturation: closed loop through the gateway, `concurrency` clients, per repeat; the median is 100 %;
 *   2. at 50 % of the saturation of both paths taken in turn, one open loop sending every other request through the
 *      gateway and the others straight to population (signed internal token); overhead = p99 gateway − p99 direct
 *      per repeat, the two measured side by side;
 *   3. the curve: open loops at fractions of saturation, gateway and direct.
 * Steps 1 and 2 run three times, with `taskset`: pinned (the key: the gateway, the measured process, alone on CPU 1;
 * the load generator — this process — and population on CPU 0), pinned-gateway-with-population (the load generator
 * alone on CPU 0, the gateway and population together on the others) and unpinned (every process free to run
 * anywhere); see pinningPlan. All three are reported, and so is the gateway's own added time from its server-side
 * timing (its mean time per request minus population's, in the same run).
 */
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const { closedLoop, interleavedClosedLoop, interleavedOpenLoop, openLoop } = require('../lib/load');
const { delta } = require('../lib/hub');
const { round, spread, summary } = require('../lib/stats');

/**
 * CPU sets for the pinned runs, or null when the machine cannot pin (no taskset, one CPU). Two layouts:
 * - `pinned` (the key): the gateway — the process whose added latency is measured — on a CPU of its own, as on its
 *   own machine in a deployment; the load generator and population (the backend both paths share) on CPU 0, so
 *   whatever they cost each other lands on both paths alike.
 * - `pinned-gateway-with-population` (reported beside it; the key's layout until 2026-12-05): the load generator
 *   alone on CPU 0, the gateway and population together on the others. On 2 cores every gateway request then hands
 *   over twice between two busy processes on one CPU, each waiting for the other's time slice: a cost of the layout
 *   (the gateway and a subgraph never share a machine in deploy/), which the direct path does not pay.
 * On 2 cores neither layout gives every process its own CPU.
 */
function pinningPlan() {
  const cpus = os.availableParallelism();
  if (cpus < 2) return null;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const rest = cpus === 2 ? '1' : `1-${cpus - 1}`;
  return {
    all: `0-${cpus - 1}`,
    layouts: {
      pinned: { loadGenerator: '0', gateway: '1', population: cpus === 2 ? '0' : `2-${cpus - 1}` },
      'pinned-gateway-with-population': { loadGenerator: '0', gateway: rest, population: rest },
    },
  };
}

/** Sets the CPU affinity of every thread of the process (taskset -a). */
function setAffinity(pid, cpuList) {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
}

function cpuPerRequest(d, completed) {
  const out = {};
  for (const [name, v] of Object.entries(d)) if (Number.isFinite(v.cpuMs) && v.cpuMs > 0) out[name] = round(v.cpuMs / Math.max(1, completed), 3);
  return out;
}

/** Mean server-side milliseconds per request of one process over a run (sql-counter's HTTP timing). */
function serverMsPerRequest(d, name) {
  const p = d[name];
  return p && p.requests > 0 ? p.requestMs / p.requests : null;
}

/** Pins the load generator and the two measured processes as the mode's layout says (or frees them); the other subgraphs idle here. */
function applyPinning(ctx, plan, mode) {
  if (!plan) return;
  const layout = plan.layouts[mode] || { loadGenerator: plan.all, gateway: plan.all, population: plan.all };
  setAffinity(process.pid, layout.loadGenerator);
  for (const name of ['gateway', 'population']) setAffinity(ctx.hub.processes.get(name).child.pid, layout[name]);
}

function describeLayout(plan, mode) {
  const layout = plan && plan.layouts[mode];
  return layout ? `${mode}: load generator on CPU ${layout.loadGenerator}, gateway on CPU ${layout.gateway}, population on CPU ${layout.population}` : 'unpinned: every process on every CPU';
}

/**
 * Saturation, then the p99 overhead at 50 % of it, in one pinning mode. The two paths are measured side by side in
 * one open loop (gateway, direct, gateway, …), so that a stall of the machine (a GC, a commit's fsync, the scheduler,
 * the load generator itself) lands on both alike; measured one after the other, the two p99s came from different
 * seconds of a noisy machine and their difference swung by more than 100 ms between repeats (bench/README.md,
 * fourth pass). The 50 % is of the mix's own saturation, each path getting half of the rate.
 */
async function measureOverhead(ctx, mode, gateway, direct, note) {
  const s = ctx.settings;
  const saturation = { gateway: [], mix: [] };
  const saturationCpu = [];
  for (let r = 0; r < s.repeats; r++) {
    const before = await ctx.hub.snapshot();
    const alone = await closedLoop(gateway.target, { ...gateway, concurrency: s.concurrency, durationMs: s.saturationMs });
    const after = await ctx.hub.snapshot();
    note(`${mode} saturation gateway #${r + 1}`, alone.tally);
    saturation.gateway.push(alone.throughput);
    saturationCpu.push(cpuPerRequest(delta(before, after), alone.completed));
    const mix = await interleavedClosedLoop([gateway, direct], { concurrency: s.concurrency, durationMs: s.saturationMs });
    mix.tallies.forEach((tally, i) => note(`${mode} saturation mix (${i ? 'direct' : 'gateway'}) #${r + 1}`, tally));
    saturation.mix.push(mix.throughput);
    ctx.log(`${mode} saturation #${r + 1}: gateway ${alone.throughput.toFixed(0)} req/s, gateway and direct in turn ${mix.throughput.toFixed(0)} req/s (closed loop, ${s.concurrency} clients)`);
  }
  const mixSaturationRate = spread(saturation.mix).median;
  const rate = Math.max(2, Math.round(mixSaturationRate * 0.5));

  const overheads = [];
  const serverSideAdded = [];
  const at50 = { gateway: [], direct: [] };
  const pooled = { gateway: [], direct: [] };
  for (let r = 0; r < s.repeats; r++) {
    const before = await ctx.hub.snapshot();
    // Twice the single loop's duration: each path gets as many samples as it had when measured alone.
    const run = await interleavedOpenLoop([gateway, direct], { rate, durationMs: 2 * s.openLoopMs });
    const after = await ctx.hub.snapshot();
    const p99 = {};
    ['gateway', 'direct'].forEach((label, i) => {
      const tally = run.tallies[i];
      note(`${mode} 50% ${label} #${r + 1}`, tally);
      const sum = summary(tally.latencies);
      at50[label].push({ ...sum, achievedRate: round(run.achievedRates[i], 1), failures: tally.failures, maxSchedulerLagMs: round(run.maxSchedulerLagMs, 1) });
      pooled[label].push(...tally.latencies);
      p99[label] = sum.p99;
    });
    // The gateway's own time: from its request to its response, less the mean time population spent on a request
    // (population answered the direct requests and the gateway's alike: the same query).
    const d = delta(before, after);
    const gatewayMs = serverMsPerRequest(d, 'gateway');
    const populationMs = serverMsPerRequest(d, 'population');
    if (gatewayMs !== null && populationMs !== null) serverSideAdded.push(round(gatewayMs - populationMs, 3));
    overheads.push(p99.gateway - p99.direct);
    ctx.log(`${mode} at ${rate} req/s in turn #${r + 1}: p99 gateway ${p99.gateway} ms, direct ${p99.direct} ms, overhead ${(p99.gateway - p99.direct).toFixed(2)} ms`);
  }
  const pooledGateway = summary(pooled.gateway);
  const pooledDirect = summary(pooled.direct);
  return {
    saturationRate: spread(saturation.gateway).median,
    overhead: spread(overheads),
    details: {
      rateReqPerS: rate,
      ratePerPathReqPerS: rate / 2,
      saturationReqPerS: spread(saturation.gateway),
      mixSaturationReqPerS: spread(saturation.mix),
      at50: {
        gatewayP50Ms: spread(at50.gateway.map((x) => x.p50)),
        gatewayP99Ms: spread(at50.gateway.map((x) => x.p99)),
        directP50Ms: spread(at50.direct.map((x) => x.p50)),
        directP99Ms: spread(at50.direct.map((x) => x.p99)),
        runs: at50,
      },
      // Every repeat's samples together: a p99 from five times as many samples.
      pooled: { gateway: pooledGateway, direct: pooledDirect, overheadP99Ms: round(pooledGateway.p99 - pooledDirect.p99), overheadP50Ms: round(pooledGateway.p50 - pooledDirect.p50) },
      gatewayServerSideAddedMsMean: serverSideAdded.length ? spread(serverSideAdded) : null,
      cpuMsPerRequestAtSaturation: saturationCpu,
    },
  };
}

async function overhead(ctx) {
  const s = ctx.settings;
  const gateway = ctx.kind('single-subgraph via gateway');
  const direct = ctx.kind('single-subgraph direct to population');
  const failures = [];
  const note = (label, tally) => {
    if (tally.failures) failures.push({ phase: label, failures: tally.failures, first: tally.firstFailures() });
  };

  ctx.log(`warm-up ${s.warmupMs / 1000} s each`);
  for (const k of [gateway, direct]) note(`warm-up ${k.name}`, (await closedLoop(k.target, { ...k, concurrency: s.concurrency, durationMs: s.warmupMs })).tally);

  const plan = pinningPlan();
  const results = {};
  try {
    for (const mode of plan ? ['pinned', 'pinned-gateway-with-population', 'unpinned'] : ['unpinned']) {
      applyPinning(ctx, plan, mode);
      ctx.log(describeLayout(plan, mode));
      results[mode] = await measureOverhead(ctx, mode, gateway, direct, note);
    }
  } finally {
    applyPinning(ctx, plan, 'unpinned');
  }
  const keyed = results.pinned || results.unpinned;
  ctx.record('gateway_overhead_p99_ms', keyed.overhead.median, {
    spread: keyed.overhead,
    pinned: Boolean(results.pinned),
    pinning: plan ? describeLayout(plan, 'pinned') : 'not available (one CPU or no taskset): unpinned only',
    ...keyed.details,
    ...(results['pinned-gateway-with-population']
      ? {
          pinnedGatewayWithPopulation: {
            layout: describeLayout(plan, 'pinned-gateway-with-population'),
            overheadP99Ms: results['pinned-gateway-with-population'].overhead,
            ...results['pinned-gateway-with-population'].details,
          },
        }
      : {}),
    unpinned: { overheadP99Ms: results.unpinned.overhead, ...results.unpinned.details },
    concurrency: s.concurrency,
    query: 'BenchPerson (population only)',
    failures,
  });
  const saturationRate = results.unpinned.saturationRate;

  // The curve: one pass per load level, gateway and direct.
  const curve = [];
  for (const fraction of s.curveFractions) {
    const point = { fraction, rate: Math.max(1, Math.round(saturationRate * fraction)) };
    for (const [label, k] of [
      ['gateway', gateway],
      ['direct', direct],
    ]) {
      const before = await ctx.hub.snapshot();
      const run = await openLoop(k.target, { ...k, rate: point.rate, durationMs: s.curveMs });
      const after = await ctx.hub.snapshot();
      note(`curve ${fraction} ${label}`, run.tally);
      point[label] = {
        ...summary(run.tally.latencies),
        achievedRate: round(run.achievedRate, 1),
        failures: run.tally.failures,
        cpuMsPerRequest: cpuPerRequest(delta(before, after), run.tally.latencies.length + run.tally.failures),
      };
    }
    curve.push(point);
    ctx.log(`curve ${Math.round(fraction * 100)} % (${point.rate} req/s): gateway p50 ${point.gateway.p50} p99 ${point.gateway.p99} ms; direct p50 ${point.direct.p50} p99 ${point.direct.p99} ms`);
  }
  ctx.details.latencyVsLoad = { saturationReqPerS: saturationRate, query: 'BenchPerson (population only)', points: curve };
}

module.exports = { overhead };
