'use strict';
/** shield_overhead_ratio: bench/policy-overhead.js (graphql-js execute, with vs without the policy layer) on the bench district. */
const path = require('node:path');
const { runNodeScript } = require('@hub/stack');
const { databaseNameFor } = require('@hub/db');
const fs = require('node:fs');

async function shield(ctx) {
  const out = path.join(ctx.tmpDir, 'policy-overhead.json');
  const quick = ctx.settings.quick;
  await runNodeScript({
    name: 'bench:policy',
    script: path.join(__dirname, '..', 'policy-overhead.js'),
    env: {
      ...ctx.env,
      BENCH_DATABASE: databaseNameFor('population'),
      BENCH_OUT: out,
      BENCH_REPEATS: '5',
      BENCH_WARMUP: quick ? '10' : '20',
      BENCH_ITERATIONS: quick ? '30' : '60',
    },
    quiet: true,
  });
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  ctx.log(`policy layer: with ${result.withPolicyMsMedian} ms, without ${result.withoutPolicyMsMedian} ms, ratio ${result.ratio} (per repeat ${result.spread.ratioPerRepeat.values.join(', ')})`);
  ctx.record('shield_overhead_ratio', result.ratio, {
    spread: result.spread.ratioPerRepeat,
    withPolicyMsMedian: result.withPolicyMsMedian,
    withoutPolicyMsMedian: result.withoutPolicyMsMedian,
    cpu: result.cpu,
    rows: result.rows,
    repeats: result.repeats,
    iterationsPerRepeat: result.iterationsPerRepeat,
    method: 'bench/policy-overhead.js: the population schema executed in-process with graphql-js, with and without enforcePolicy, ABBA-interleaved',
  });
}

module.exports = { shield };
