'use strict';
/*
 * federated_vs_single_sql_p50_ratio: a person's cross-department record (five subgraphs) through the gateway,
 * one request at a time, against one SQL statement returning the same facts from one database holding the
 * same rows (bench/lib/single-db.js). Same subjects in the same order for both; p50 per repeat; ratio of p50s.
 * The SQL runs as a named prepared statement over one open connection, as a hand-written service would.
 */
const { Client } = require('pg');
const { databaseNameFor, databaseUrl } = require('@hub/db');
const { delta } = require('../lib/hub');
const { ensureSingleDatabase, RECORD_SQL } = require('../lib/single-db');
const { round, spread, summary } = require('../lib/stats');

/** The SQL row says the same as the gateway's answer (masking aside: idNumber is MASKED for GRID_SERVICE). */
function sameFacts(row, person) {
  const problems = [];
  const expect = (what, a, b) => {
    if (a !== b) problems.push(`${what}: sql ${JSON.stringify(a)} vs gateway ${JSON.stringify(b)}`);
  };
  expect('id', row.id, person.id);
  expect('name', row.name, person.name);
  expect('address', row.address ?? null, person.residence ? person.residence.address : null);
  expect('grid', row.grid_code ?? null, person.residence && person.residence.grid ? person.residence.grid.code : null);
  expect('household', row.household_number ?? null, person.household ? person.household.householdNumber : null);
  expect('ownedDwellingCount', row.owned_dwelling_count, person.ownedDwellingCount);
  expect('receivesAssistance', row.receives_assistance, person.receivesAssistance);
  expect('hasDisability', row.has_disability, person.hasDisability);
  expect('needsAttention', row.needs_attention, person.needsAttention);
  expect('floating', row.floating_registration ? row.floating_registration.inflowReason : null, person.floatingRegistration ? person.floatingRegistration.inflowReason : null);
  return problems;
}

const RESIDENT_FIELDS =
  'totalCount nodes { id name idNumber gender birthDate deathDate phone populationType household { id householdNumber } residence { id address } receivesAssistance needsAttention } pageInfo { hasNextPage endCursor }';
/** The grid page's residents as the console asked before issue #11's second pass: grid first, then population (three levels). */
const RESIDENTS_VIA_GRID = `query GridResidents($code: String!, $first: Int) { grid(code: $code) { code residents(first: $first) { ${RESIDENT_FIELDS} } } }`;
/** …and as it asks now: population's own root, the same search and policy (two levels). */
const RESIDENTS_FROM_POPULATION = `query GridResidents($code: String!, $first: Int) { people(filter: { regionCode: $code }, first: $first) { ${RESIDENT_FIELDS} } }`;

/**
 * The grid page's residents tab (20 a page, the 40 most populous grids), the two plans side by side, alternating
 * order, one request at a time: what the sequential fetch removed (docs/adr/0014, "Fewer hops") is worth.
 */
async function gridResidentsPage(ctx, target) {
  const client = new Client({ connectionString: databaseUrl(ctx.serverUrl, databaseNameFor('population')) });
  await client.connect();
  let grids;
  try {
    grids = (await client.query("select residence_grid_code as code from person where residence_grid_code <> '' group by 1 order by count(*) desc, 1 limit 40")).rows.map((r) => r.code);
  } finally {
    await client.end();
  }
  const body = (query, i) => JSON.stringify({ query, variables: { code: grids[i % grids.length], first: 20 } });
  const check = (path) => (data) => (path(data) && Array.isArray(path(data).nodes) ? undefined : `no residents in ${JSON.stringify(data).slice(0, 120)}`);
  const plans = {
    viaGrid: { query: RESIDENTS_VIA_GRID, check: check((d) => d.grid && d.grid.residents), ms: [] },
    fromPopulation: { query: RESIDENTS_FROM_POPULATION, check: check((d) => d.people), ms: [] },
  };
  const pairs = ctx.settings.quick ? 60 : 200;
  for (let i = 0; i < pairs + 20; i++) {
    for (const name of i % 2 ? ['viaGrid', 'fromPopulation'] : ['fromPopulation', 'viaGrid']) {
      const plan = plans[name];
      const answer = await target.send(body(plan.query, i), plan.check);
      if (!answer.ok) throw new Error(`grid residents page (${name}): ${answer.error}`);
      if (i >= 20) plan.ms.push(answer.ms); // the first 20 pairs warm up
    }
  }
  const viaGrid = summary(plans.viaGrid.ms);
  const fromPopulation = summary(plans.fromPopulation.ms);
  ctx.log(`grid residents page: via grid p50 ${viaGrid.p50} ms, from population's root p50 ${fromPopulation.p50} ms`);
  return { viaGrid, fromPopulation, p50Ratio: round(fromPopulation.p50 / viaGrid.p50, 3), grids: grids.length, pairs };
}

async function federated(ctx) {
  const s = ctx.settings;
  const single = await ensureSingleDatabase(ctx.serverUrl, ctx.log);
  if (single.copySeconds) ctx.log(`single database ${single.database} built in ${single.copySeconds.toFixed(1)} s`);
  const client = new Client({ connectionString: single.url });
  await client.connect();
  const record = ctx.kind('cross-department record via gateway');
  const ids = ctx.subjects;
  const runSql = (id) => client.query({ name: 'bench_record', text: RECORD_SQL, values: [id] });
  try {
    // Correctness first: the statement answers what the gateway answers.
    const mismatches = [];
    for (let i = 0; i < 20; i++) {
      const answer = await record.target.send(record.makeBody(i), record.check);
      if (!answer.ok) throw new Error(`gateway: ${answer.error}`);
      const { rows } = await runSql(ids[i % ids.length]);
      const problems = rows.length === 1 ? sameFacts(rows[0], answer.data.person) : [`${rows.length} rows`];
      if (problems.length) mismatches.push({ subject: i, problems });
    }
    if (mismatches.length) ctx.log(`WARNING: the SQL statement and the gateway disagree on ${mismatches.length}/20 subjects: ${JSON.stringify(mismatches[0])}`);

    const gatewayP50 = [];
    const sqlP50 = [];
    const ratios = [];
    const runs = [];
    const perSubgraph = [];
    let failures = 0;
    const firstFailures = [];
    let offset = 100;
    for (let r = 0; r < s.repeats; r++) {
      const gw = [];
      const before = await ctx.hub.snapshot();
      for (let i = 0; i < s.federatedRequests; i++) {
        const result = await record.target.send(record.makeBody(offset + i), record.check);
        if (result.ok) gw.push(result.ms);
        else {
          failures++;
          if (firstFailures.length < 3) firstFailures.push(result.error);
        }
      }
      const after = await ctx.hub.snapshot();
      const d = delta(before, after);
      perSubgraph.push(
        Object.fromEntries(
          Object.entries(d)
            .filter(([, v]) => v.requests)
            .map(([name, v]) => [
              name,
              {
                httpRequestsPerRecord: round(v.requests / s.federatedRequests, 2),
                // One record at a time: where a record's CPU goes, process by process (/proc, clock ticks of 10 ms).
                cpuMsPerRecord: round(v.cpuMs / s.federatedRequests, 2),
                serverMsPerHttpRequest: round(v.requestMs / v.requests, 2),
                statementsPerRecord: round(v.statements / s.federatedRequests, 2),
                auditAppendMsPerHttpRequest: round(((v.sqlMsByKind || {}).audit_append || 0) / v.requests, 2),
                dataSqlMsPerHttpRequest: round(
                  Object.entries(v.sqlMsByKind || {})
                    .filter(([k]) => k !== 'audit_append')
                    .reduce((a, [, ms]) => a + ms, 0) / v.requests,
                  2,
                ),
              },
            ]),
        ),
      );
      const sqlMs = [];
      for (let i = 0; i < s.sqlRequests; i++) {
        const id = ids[(offset + i) % ids.length];
        const started = performance.now();
        const { rows } = await runSql(id);
        sqlMs.push(performance.now() - started);
        if (rows.length !== 1) throw new Error(`single SQL returned ${rows.length} rows for a subject`);
      }
      offset += s.federatedRequests;
      const g = summary(gw);
      const q = summary(sqlMs);
      gatewayP50.push(g.p50);
      sqlP50.push(q.p50);
      ratios.push(g.p50 / q.p50);
      runs.push({ gateway: g, sql: q });
      ctx.log(`repeat ${r + 1}: gateway p50 ${g.p50} ms (p99 ${g.p99}), single SQL p50 ${q.p50} ms (p99 ${q.p99}), ratio ${(g.p50 / q.p50).toFixed(1)}`);
    }
    const ratio = spread(ratios);
    const gridResidents = await gridResidentsPage(ctx, record.target);
    ctx.record('federated_vs_single_sql_p50_ratio', ratio.median, {
      spread: ratio,
      gatewayP50Ms: spread(gatewayP50),
      singleSqlP50Ms: spread(sqlP50),
      runs,
      perSubgraph,
      failures,
      firstFailures,
      factsMismatches: mismatches,
      singleDatabase: single.database,
      singleDatabaseCopySeconds: round(single.copySeconds, 1),
      requestsPerRepeat: { gateway: s.federatedRequests, sql: s.sqlRequests },
      gridResidentsPage: gridResidents,
      sql: RECORD_SQL.trim().replace(/\s+/g, ' '),
      method: 'one request at a time (no concurrent load); gateway: HTTP round trip incl. JSON parse; SQL: pg named prepared statement on an open connection',
    });
  } finally {
    await client.end();
  }
}

module.exports = { federated };
