'use strict';
/*
 * gateway_overhead_p99_ms and the latency-versus-load curve. The single-subgraph query (population alone):
 *   1. saturation: closed loop through the gateway, `concurrency` clients, per repeat; the median is 100 %;
 *   2. at 50 % of it, an open loop through the gateway and one at the same rate straight to population
 *      (signed internal token), alternating which goes first; overhead = p99 gateway − p99 direct per repeat;
 *   3. the curve: open loops at fractions of saturation, gateway and direct.
 * Steps 1 and 2 run three times, with `taskset`: pinned (the load generator — this process — alone on CPU 0, the
 * gateway and population together on the others), pinned-gateway-alone (the gateway alone on CPU 1, the load
 * generator and population on CPU 0) and unpinned (every process free to run anywhere); see pinningPlan. The key is
 * the pinned figure; all three are reported, and so is the gateway's own added time from its server-side timing (its
 * mean time per request minus population's, in the same run).
 */
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const { closedLoop, openLoop } = require('../lib/load');
const { delta } = require('../lib/hub');
const { round, spread, summary } = require('../lib/stats');

/**
 * CPU sets for the pinned runs, or null when the machine cannot pin (no taskset, one CPU). Two layouts:
 * - `pinned` (the key, issue #11's layout): the load generator alone on CPU 0, the gateway and population together
 *   on the others, so that the generator never queues in front of the measured processes.
 * - `pinned-gateway-alone` (reported beside it): the gateway on a CPU of its own, the load generator and population
 *   (the backend both paths share) on CPU 0 — as with a gateway on its own machine, but with the backend now sharing
 *   its CPU with the load generator. On 2 cores neither layout gives every process its own CPU.
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
      pinned: { loadGenerator: '0', gateway: rest, population: rest },
      'pinned-gateway-alone': { loadGenerator: '0', gateway: '1', population: cpus === 2 ? '0' : `2-${cpus - 1}` },
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

/** Saturation, then the p99 overhead at 50 % of it, in one pinning mode. */
async function measureOverhead(ctx, mode, gateway, direct, note) {
  const s = ctx.settings;
  const saturation = { gateway: [], direct: [] };
  const saturationCpu = [];
  for (let r = 0; r < s.repeats; r++) {
    for (const [label, k] of [
      ['gateway', gateway],
      ['direct', direct],
    ]) {
      const before = await ctx.hub.snapshot();
      const run = await closedLoop(k.target, { ...k, concurrency: s.concurrency, durationMs: s.saturationMs });
      const after = await ctx.hub.snapshot();
      note(`${mode} saturation ${label} #${r + 1}`, run.tally);
      saturation[label].push(run.throughput);
      if (label === 'gateway') saturationCpu.push(cpuPerRequest(delta(before, after), run.completed));
    }
    ctx.log(`${mode} saturation #${r + 1}: gateway ${saturation.gateway[r].toFixed(0)} req/s, direct ${saturation.direct[r].toFixed(0)} req/s (closed loop, ${s.concurrency} clients)`);
  }
  const saturationRate = spread(saturation.gateway).median;
  const rate = Math.max(1, Math.round(saturationRate * 0.5));

  const overheads = [];
  const serverSideAdded = [];
  const at50 = { gateway: [], direct: [] };
  for (let r = 0; r < s.repeats; r++) {
    const order =
      r % 2 === 0
        ? [
            ['gateway', gateway],
            ['direct', direct],
          ]
        : [
            ['direct', direct],
            ['gateway', gateway],
          ];
    const p99 = {};
    for (const [label, k] of order) {
      const before = await ctx.hub.snapshot();
      const run = await openLoop(k.target, { ...k, rate, durationMs: s.openLoopMs });
      const after = await ctx.hub.snapshot();
      note(`${mode} 50% ${label} #${r + 1}`, run.tally);
      const sum = summary(run.tally.latencies);
      at50[label].push({ ...sum, achievedRate: round(run.achievedRate, 1), failures: run.tally.failures, maxSchedulerLagMs: round(run.maxSchedulerLagMs, 1) });
      p99[label] = sum.p99;
      if (label === 'gateway') {
        // The gateway's own time: from its request to its response, less the time population spent answering it.
        const d = delta(before, after);
        const gatewayMs = serverMsPerRequest(d, 'gateway');
        const populationMs = serverMsPerRequest(d, 'population');
        if (gatewayMs !== null && populationMs !== null) serverSideAdded.push(round(gatewayMs - populationMs, 3));
      }
    }
    overheads.push(p99.gateway - p99.direct);
    ctx.log(`${mode} at ${rate} req/s #${r + 1}: p99 gateway ${p99.gateway} ms, direct ${p99.direct} ms, overhead ${(p99.gateway - p99.direct).toFixed(2)} ms`);
  }
  return {
    saturationRate,
    overhead: spread(overheads),
    details: {
      rateReqPerS: rate,
      saturationReqPerS: spread(saturation.gateway),
      directSaturationReqPerS: spread(saturation.direct),
      at50: {
        gatewayP50Ms: spread(at50.gateway.map((x) => x.p50)),
        gatewayP99Ms: spread(at50.gateway.map((x) => x.p99)),
        directP50Ms: spread(at50.direct.map((x) => x.p50)),
        directP99Ms: spread(at50.direct.map((x) => x.p99)),
        runs: at50,
      },
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
    for (const mode of plan ? ['pinned', 'pinned-gateway-alone', 'unpinned'] : ['unpinned']) {
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
    ...(results['pinned-gateway-alone']
      ? { pinnedGatewayAlone: { layout: describeLayout(plan, 'pinned-gateway-alone'), overheadP99Ms: results['pinned-gateway-alone'].overhead, ...results['pinned-gateway-alone'].details } }
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
