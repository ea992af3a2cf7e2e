'use strict';
/** seed_690k_residents_s: `seeds/dist/cli.js --residents 690000` end to end (migrate, generate, COPY, analyze). */
const { runNodeScript, seedsEntry } = require('@hub/stack');

const RESIDENTS = 690_000;

async function seed(ctx) {
  const started = performance.now();
  const lines = [];
  // runNodeScript keeps the output only on failure; the seed's summary line goes to stdout.
  await runNodeScript({ name: 'seed', script: seedsEntry(), args: ['--residents', String(RESIDENTS), '--seed', String(ctx.seedNumber)], env: ctx.env, quiet: true });
  const seconds = (performance.now() - started) / 1000;
  ctx.log(`seeded ${RESIDENTS.toLocaleString('en-US')} residents in ${seconds.toFixed(1)} s`);
  ctx.record('seed_690k_residents_s', Number(seconds.toFixed(1)), {
    residents: RESIDENTS,
    seed: ctx.seedNumber,
    repeats: 1,
    note: 'one run per bench (a seed replaces the district every other scenario reads); process start to exit, including migrations and ANALYZE',
    output: lines,
  });
}

module.exports = { seed, RESIDENTS };
