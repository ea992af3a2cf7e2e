'use strict';
/*
 * batch_review_10k_households_s: subsistenceChecks over 10,000 open assistance applications through the gateway,
 * as a CIVIL_AFFAIRS officer with X-Purpose SUBSISTENCE_REVIEW and no X-Case-Id (each application is its own
 * case), chunks of 250 ids (the gateway's limit per request), 2 requests in flight. Every response must have
 * no errors and one checked result per id.
 *
 * The seeded district has far fewer open applications than 10,000 (about 0.7 % of households), so the bench
 * first opens annual-review (复核) applications for further households, as a civil-affairs office would before
 * its annual review: one VERIFYING application with the 授权书 on file per household, head of household as the
 * applicant (ids `AR` + 8 digits, kept between runs, so a rerun reuses them).
 */
const { Client } = require('pg');
const { databaseNameFor, databaseUrl } = require('@hub/db');
const { Target } = require('../lib/load');
const { SUBSISTENCE_CHECKS } = require('../lib/queries');
const { userToken, CIVIL_OFFICER } = require('../lib/tokens');
const { spread } = require('../lib/stats');

const APPLICATIONS = 10_000;
/** The city-sized run (batch_review_100k_households_s): one run, with the peak RSS of every process. */
const CITY_APPLICATIONS = 100_000;
const CHUNK = 250;
const IN_FLIGHT = 2;
const OPEN = ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'];

async function withClient(serverUrl, department, work) {
  const client = new Client({ connectionString: databaseUrl(serverUrl, databaseNameFor(department)) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Opens review applications until the district has `wanted` open, authorized ones. */
async function openReviewApplications(serverUrl, wanted = APPLICATIONS) {
  return withClient(serverUrl, 'civil-affairs', async (civil) => {
    const have = Number((await civil.query('select count(*) as n from assistance_application where status = any($1) and authorization_on_file', [OPEN])).rows[0].n);
    if (have >= wanted) return 0;
    const taken = new Set((await civil.query('select household_id from assistance_application')).rows.map((r) => r.household_id));
    const heads = await withClient(
      serverUrl,
      'population',
      async (population) =>
        (
          await population.query(
            "select p.household_id, p.id as person_id, h.grid_code from person p join household h on h.id = p.household_id where p.relation_to_head = '02' and p.death_date is null and h.grid_code is not null order by p.household_id",
          )
        ).rows,
    );
    const rows = heads.filter((h) => !taken.has(h.household_id)).slice(0, wanted - have);
    const applied = new Date(Date.now() + 8 * 3600_000 - 10 * 86_400_000).toISOString().slice(0, 10);
    const next = Number((await civil.query("select coalesce(max(substr(id, 3)::int), 0) as n from assistance_application where id like 'AR%'")).rows[0].n);
    const records = rows.map((h, i) => ({ id: `AR${String(next + i + 1).padStart(8, '0')}`, applicant_person_id: h.person_id, household_id: h.household_id, grid_code: h.grid_code }));
    await civil.query(
      `insert into assistance_application (id, applicant_person_id, household_id, kind, status, authorization_on_file, applied_on, grid_code)
       select id, applicant_person_id, household_id, 'DIBAO', 'VERIFYING', true, $2::date, grid_code from jsonb_to_recordset($1::jsonb)
         as r(id text, applicant_person_id text, household_id text, grid_code text)`,
      [JSON.stringify(records), applied],
    );
    return records.length;
  });
}

async function applicationIds(serverUrl, wanted = APPLICATIONS) {
  return withClient(serverUrl, 'civil-affairs', async (client) =>
    (await client.query('select id from assistance_application where status = any($2) and authorization_on_file order by id limit $1', [wanted, OPEN])).rows.map((r) => r.id),
  );
}

const SINGLE_CHECK = 'query BenchCheck($id: String!) { subsistenceCheck(idNumber: $id) { eligible reasons memberCount perCapitaMonthlyIncome ownedDwellingCount nonExemptVehicleCount } }';
const SINGLE_CHECKS = 60;

/** Latency of one check, as a case worker runs it: sequential requests, each under its own case (X-Case-Id). */
async function singleCheckLatency(ctx, token) {
  const cases = await withClient(
    ctx.serverUrl,
    'civil-affairs',
    async (client) => (await client.query("select id, applicant_person_id from assistance_application where id like 'AR%' order by id limit $1", [SINGLE_CHECKS])).rows,
  );
  const idNumbers = new Map(
    await withClient(ctx.serverUrl, 'population', async (client) =>
      (await client.query('select id, id_number from person where id = any($1)', [cases.map((c) => c.applicant_person_id)])).rows.map((r) => [r.id, r.id_number]),
    ),
  );
  const ms = [];
  for (const c of cases) {
    const target = new Target(ctx.hub.gatewayUrl, { authorization: `Bearer ${token}`, 'x-purpose': 'SUBSISTENCE_REVIEW', 'x-case-id': c.id }, { connections: 1 });
    const answer = await target.send(JSON.stringify({ query: SINGLE_CHECK, variables: { id: idNumbers.get(c.applicant_person_id) } }), (data) =>
      data && data.subsistenceCheck ? undefined : 'no subsistenceCheck',
    );
    await target.close();
    if (!answer.ok) return { error: answer.error };
    ms.push(answer.ms);
  }
  ms.sort((a, b) => a - b);
  const at = (p) => Number(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(1));
  return { checks: ms.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

/** The review of `applications` applications, `repeats` times (default: the bench's); `key` is the key it records. */
const review =
  ({ applications, key, repeats, peakRss }) =>
  async (ctx) => {
    const APPLICATIONS = applications;
    const opened = await openReviewApplications(ctx.serverUrl, APPLICATIONS);
    if (opened) ctx.log(`opened ${opened} annual-review applications so that ${APPLICATIONS} are open`);
    const ids = await applicationIds(ctx.serverUrl, APPLICATIONS);
    const target = new Target(ctx.hub.gatewayUrl, { authorization: `Bearer ${await userToken(CIVIL_OFFICER)}`, 'x-purpose': 'SUBSISTENCE_REVIEW' }, { connections: IN_FLIGHT });
    const chunks = [];
    for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
    const detail = { reviewApplicationsOpened: opened, applicationsInDatabase: ids.length, applicationsWanted: APPLICATIONS, chunkSize: CHUNK, inFlight: IN_FLIGHT };
    const once = async () => {
      const started = performance.now();
      let results = 0;
      let next = 0;
      const failures = [];
      const chunkMs = [];
      const worker = async () => {
        while (next < chunks.length && failures.length === 0) {
          const chunk = chunks[next++];
          const body = JSON.stringify({ query: SUBSISTENCE_CHECKS, variables: { ids: chunk } });
          const answer = await target.send(body, (data) => {
            const list = data && data.subsistenceChecks;
            if (!Array.isArray(list)) return 'no subsistenceChecks list';
            if (list.length !== chunk.length) return `${list.length} results for ${chunk.length} applications`;
            const notChecked = list.find((check) => check.reasons.includes('CASE_NOT_OPEN') || check.reasons.some((r) => r.startsWith('FACTS_UNAVAILABLE')));
            if (notChecked) return `application ${notChecked.application.id} was not checked: ${notChecked.reasons.join(', ')}`;
            return undefined;
          });
          if (!answer.ok) failures.push(answer.error);
          else {
            results += answer.data.subsistenceChecks.length;
            chunkMs.push(Number(answer.ms.toFixed(1)));
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      return { seconds: (performance.now() - started) / 1000, results, failures, chunkMs };
    };
    try {
      const runs = [];
      for (let r = 0; r < (repeats || ctx.settings.repeats); r++) {
        const run = await once();
        runs.push(run);
        if (run.failures.length) break;
        ctx.log(`subsistenceChecks repeat ${r + 1}: ${run.results} applications in ${run.seconds.toFixed(2)} s`);
        if (peakRss) {
          // Peak (high-water) resident set of every process of the hub and of this load generator, in MiB.
          detail.peakRssMiB = { ...ctx.hub.peakRssMiB(), 'bench (load generator)': Math.round(process.resourceUsage().maxRSS / 1024) };
          ctx.log(`peak RSS (MiB): ${JSON.stringify(detail.peakRssMiB)}`);
        }
      }
      const last = runs[runs.length - 1];
      Object.assign(detail, { chunks: chunks.length, runs: runs.map((r) => ({ seconds: Number(r.seconds.toFixed(2)), results: r.results, chunkMs: r.chunkMs })) });
      if (last.failures.length) {
        detail.notAvailable = `not available: ${last.failures[0]}`;
        ctx.log(`subsistenceChecks ${detail.notAvailable}`);
        ctx.record(key, null, detail);
        return;
      }
      const seconds = spread(runs.map((r) => r.seconds));
      detail.spread = seconds;
      if (ids.length < APPLICATIONS) {
        detail.notAvailable = `not available: the seeded district holds ${ids.length} assistance applications, fewer than ${APPLICATIONS} (all ${ids.length} checked in ${seconds.median} s, median of ${runs.length})`;
        ctx.log(`subsistenceChecks ${detail.notAvailable}`);
        ctx.record(key, null, detail);
        return;
      }
      if (!peakRss) {
        detail.singleCheck = await singleCheckLatency(ctx, await userToken(CIVIL_OFFICER));
        ctx.log(`one subsistenceCheck: ${JSON.stringify(detail.singleCheck)}`);
      }
      ctx.record(key, seconds.median, detail);
    } finally {
      await target.close();
    }
  };

const batch = review({ applications: APPLICATIONS, key: 'batch_review_10k_households_s' });
const batch100k = review({ applications: CITY_APPLICATIONS, key: 'batch_review_100k_households_s', repeats: 1, peakRss: true });

module.exports = { batch, batch100k, applicationIds, APPLICATIONS, CITY_APPLICATIONS };
