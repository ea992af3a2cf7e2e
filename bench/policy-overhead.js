#!/usr/bin/env node
/*
 * Cost of the access-policy layer (subgraph-kit's enforcePolicy) on a 500-row `people` list query of the
 * population subgraph: the same operation executed with graphql-js `execute` (no HTTP) against the
 * federated schema without the policy and against a second build of it with the policy enforced.
 *
 *   npm run bench:policy              (builds first)
 *   node bench/policy-overhead.js     (uses the built dist/ files as they are)
 *
 * Plain CommonJS on purpose: type-graphql needs decorator metadata, so this imports the tsc-built dist
 * files instead of compiling TypeScript itself.
 *
 * Both schemas live in one process: buildFederatedSchema is called twice (type-graphql's metadata is
 * global, but every build yields its own GraphQLSchema with its own resolver functions), and enforcePolicy,
 * which wraps field resolvers in place, is applied to the second build only. The script checks that.
 * One request at a time; within every repeat the modes alternate request by request (ABBA), and which
 * mode goes first alternates between repeats.
 *
 * Read only: opens the seeded test district's database without migrating it and writes no audit rows
 * (the AuditRecorder's note() calls made by enforcePolicy are included; appending the events is not).
 *
 * Environment (all optional):
 *   DATABASE_URL       PostgreSQL server        (postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DATABASE     population database      (gridhub_test_population)
 *   BENCH_ROWS         page size, max 500       (500)
 *   BENCH_WARMUP       warm-up executions/mode  (50)
 *   BENCH_REPEATS      timed repeats per mode   (5)
 *   BENCH_ITERATIONS   executions per repeat    (200)
 *   BENCH_OUT          result file              (bench/results/policy-overhead.json)
 */
'use strict';

require('reflect-metadata');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { execute, parse, validate } = require('graphql');
const { Client } = require('pg');
const { AuditRecorder } = require('@hub/audit');
const { databaseUrl, openDepartmentOrm } = require('@hub/db');
const { buildFederatedSchema, enforcePolicy, subgraphMigrations } = require('@hub/subgraph-kit');
const { populationSubgraph } = require('../subgraphs/population/dist/subgraph');

const env = process.env;
const intEnv = (name, fallback) => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer; got "${env[name]}"`);
  return value;
};

const SERVER_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = env.BENCH_DATABASE || 'gridhub_test_population';
const ROWS = intEnv('BENCH_ROWS', 500);
const WARMUP = intEnv('BENCH_WARMUP', 50);
const REPEATS = intEnv('BENCH_REPEATS', 5);
const ITERATIONS = intEnv('BENCH_ITERATIONS', 200);
const OUT = env.BENCH_OUT || path.join(__dirname, 'results', 'policy-overhead.json');

const OPERATION = 'query($n:Int){ people(first:$n){ totalCount nodes { id name idNumber phone gender birthDate populationType } } }';
const IDENTITY_BASE = { sub: 'bench', name: 'bench', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112', purpose: 'GRID_SERVICE' };
// idNumber is MASKED for GRID_SERVICE (maskIdNumber in @hub/access: the first 3 and the last 2 kept); everything else asked for is CLEAR.
const MASKED_ID = /^\d{3}\*{13}[0-9X]{2}$/;
const CLEAR_ID = /^\d{17}[0-9X]$/;

const log = (message) => process.stderr.write(`[bench:policy] ${message}\n`);

// A full GC between blocks so one mode does not pay for the other's garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const round = (value, digits = 3) => Number(value.toFixed(digits));

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    p10: round(quantile(sorted, 0.1)),
    p90: round(quantile(sorted, 0.9)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
  };
}

async function assertDatabaseExists() {
  // openDepartmentOrm would create a missing database; this benchmark must only read an existing one.
  const client = new Client({ connectionString: databaseUrl(SERVER_URL, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) throw new Error(`database ${DATABASE} does not exist on ${SERVER_URL} (seed the test district first, e.g. run the population tests once)`);
  } finally {
    await client.end();
  }
}

async function buildSchemas(definition) {
  const options = { resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes };
  const plain = await buildFederatedSchema(options, definition.referenceResolvers);
  const second = await buildFederatedSchema(options, definition.referenceResolvers);
  const plainResolve = plain.schema.getType('Query').getFields().people.resolve;
  const enforced = enforcePolicy(second.schema, definition.policy);
  // Two independent builds: enforcing the second must leave the first's resolvers untouched.
  if (plain.schema === enforced) throw new Error('buildFederatedSchema returned the same schema object twice');
  if (plain.schema.getType('Query').getFields().people.resolve !== plainResolve) throw new Error('enforcePolicy on the second build changed the first build');
  if (enforced.getType('Query').getFields().people.resolve === plainResolve) throw new Error('the two builds share resolver functions');
  if (plain.sdl !== second.sdl) throw new Error('the two builds have different SDL');
  return { without: plain.schema, with: enforced };
}

function createContext(orm, definition) {
  const identity = { ...IDENTITY_BASE, requestId: randomUUID() };
  const em = orm.em.fork();
  // As start-subgraph's createContext; onwardTokens are only used by accessLog and 受理.
  return { identity, em, loaders: definition.createLoaders(em), audit: new AuditRecorder(identity), onwardTokens: {} };
}

/**
 * Checked outside the timed section, for every response: no errors, a full page, and the mode's idNumber
 * form. The audit notes are checked on warm-up requests only (auditToo): building the events allocates
 * enough to shift garbage collection into the next timed request of the with-policy mode.
 */
function check(mode, result, context, expectedTotal, auditToo) {
  if (result.errors && result.errors.length > 0) throw new Error(`${mode}: response has errors: ${result.errors.map((e) => e.message).join('; ')}`);
  const page = result.data && result.data.people;
  if (!page || !Array.isArray(page.nodes)) throw new Error(`${mode}: no people page in ${JSON.stringify(result).slice(0, 300)}`);
  if (page.nodes.length !== ROWS) throw new Error(`${mode}: expected ${ROWS} rows, got ${page.nodes.length}`);
  if (expectedTotal !== undefined && page.totalCount !== expectedTotal) throw new Error(`${mode}: totalCount ${page.totalCount}, expected ${expectedTotal}`);
  const idForm = mode === 'with' ? MASKED_ID : CLEAR_ID;
  for (const node of page.nodes) {
    if (!idForm.test(node.idNumber)) throw new Error(`${mode}: unexpected idNumber form "${node.idNumber}" for ${node.id}`);
    if (!node.id || !node.name || node.phone === undefined || !node.gender || !node.birthDate || !node.populationType) {
      throw new Error(`${mode}: incomplete node ${JSON.stringify(node)}`);
    }
  }
  if (!auditToo) return page.totalCount;
  if (mode === 'with') {
    // enforcePolicy noted every person with its field classes: one (subject, CLEAR) and one (subject, MASKED) event each.
    const events = context.audit.events();
    const subjects = new Set(events.map((event) => event.subject).filter(Boolean));
    if (subjects.size !== ROWS) throw new Error(`with: audit noted ${subjects.size} subjects, expected ${ROWS}`);
  } else if (context.audit.events().some((event) => event.subject)) {
    throw new Error('without: the unenforced schema noted audit events');
  }
  return page.totalCount;
}

async function main() {
  if (ROWS > 500) throw new Error('BENCH_ROWS must be at most 500 (MAX_PAGE_SIZE)');
  const definition = populationSubgraph;
  await assertDatabaseExists();
  const schemas = await buildSchemas(definition);
  const document = parse(OPERATION);
  for (const mode of ['without', 'with']) {
    const errors = validate(schemas[mode], document);
    if (errors.length > 0) throw new Error(`${mode}: operation does not validate: ${errors.map((e) => e.message).join('; ')}`);
  }
  const variableValues = { n: ROWS };
  const orm = await openDepartmentOrm({
    serverUrl: SERVER_URL,
    databaseName: DATABASE,
    entities: definition.entities,
    migrations: subgraphMigrations(definition),
    migrate: false,
    poolMax: 4,
  });
  let expectedTotal;
  const once = async (mode, warmup = false) => {
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const contextValue = createContext(orm, definition);
    const result = await execute({ schema: schemas[mode], document, variableValues, contextValue });
    const used = process.cpuUsage(cpu);
    const elapsed = Number(process.hrtime.bigint() - wall) / 1e6;
    expectedTotal = check(mode, result, contextValue, expectedTotal, warmup);
    return { wallMs: elapsed, cpuMs: (used.user + used.system) / 1000 };
  };
  try {
    log(`${DATABASE}: ${ROWS} rows, warm-up ${WARMUP}/mode, ${REPEATS} repeats x ${ITERATIONS} executions/mode, node ${process.version}`);
    for (let i = 0; i < WARMUP; i++) {
      await once('without', true);
      await once('with', true);
    }
    if (expectedTotal < ROWS) throw new Error(`only ${expectedTotal} residents in jurisdiction ${IDENTITY_BASE.jurisdiction}; need ${ROWS}`);

    // Interleaved request by request in an ABBA pattern (the repeat's first mode alternates too), so that
    // load that drifts over time — this machine's other work, PostgreSQL on the same cores — hits both modes alike.
    const samples = { with: [], without: [] };
    const cpuSamples = { with: [], without: [] };
    const perRepeat = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const first = repeat % 2 === 0 ? 'without' : 'with';
      const second = first === 'with' ? 'without' : 'with';
      const block = { with: [], without: [] };
      gc();
      for (let i = 0; i < ITERATIONS; i++) {
        for (const mode of i % 2 === 0 ? [first, second] : [second, first]) {
          const { wallMs, cpuMs } = await once(mode);
          block[mode].push(wallMs);
          cpuSamples[mode].push(cpuMs);
        }
      }
      samples.with.push(...block.with);
      samples.without.push(...block.without);
      const medians = { with: summary(block.with).median, without: summary(block.without).median };
      perRepeat.push({ first, withMsMedian: medians.with, withoutMsMedian: medians.without, ratio: round(medians.with / medians.without) });
      log(`repeat ${repeat + 1}/${REPEATS} (${first} first): with ${medians.with} ms, without ${medians.without} ms, ratio ${round(medians.with / medians.without)}`);
    }

    const withPolicy = summary(samples.with);
    const withoutPolicy = summary(samples.without);
    const ratios = perRepeat.map((repeat) => repeat.ratio);
    const cpuWith = summary(cpuSamples.with);
    const cpuWithout = summary(cpuSamples.without);
    const result = {
      rows: ROWS,
      withPolicyMsMedian: withPolicy.median,
      withoutPolicyMsMedian: withoutPolicy.median,
      ratio: round(withPolicy.median / withoutPolicy.median),
      repeats: REPEATS,
      spread: {
        withPolicy: { minMs: withPolicy.min, maxMs: withPolicy.max, p10Ms: withPolicy.p10, p90Ms: withPolicy.p90, meanMs: withPolicy.mean, repeatMediansMs: perRepeat.map((r) => r.withMsMedian) },
        withoutPolicy: {
          minMs: withoutPolicy.min,
          maxMs: withoutPolicy.max,
          p10Ms: withoutPolicy.p10,
          p90Ms: withoutPolicy.p90,
          meanMs: withoutPolicy.mean,
          repeatMediansMs: perRepeat.map((r) => r.withoutMsMedian),
        },
        ratioPerRepeat: { min: Math.min(...ratios), max: Math.max(...ratios), values: ratios },
        perRepeat,
      },
      // This process's CPU time per request (excludes waiting for PostgreSQL): less sensitive to the machine's other load.
      cpu: { withPolicyMsMedian: cpuWith.median, withoutPolicyMsMedian: cpuWithout.median, ratio: round(cpuWith.median / cpuWithout.median), extraMsMedian: round(cpuWith.median - cpuWithout.median) },
      iterationsPerRepeat: ITERATIONS,
      warmup: WARMUP,
      totalCount: expectedTotal,
      database: DATABASE,
      purpose: IDENTITY_BASE.purpose,
      operation: OPERATION,
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
    const line = JSON.stringify(result);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${line}\n`);
    log(`written to ${path.relative(process.cwd(), OUT) || OUT}`);
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  process.stderr.write(`[bench:policy] failed: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
