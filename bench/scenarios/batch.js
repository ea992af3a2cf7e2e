'use strict';
/*
 * batch_review_10k_households_s: subsistenceChecks over 10,000 assistance applications through the gateway,
 * as a CIVIL_AFFAIRS officer with X-Purpose SUBSISTENCE_REVIEW and no X-Case-Id (each application is its own
 * case), chunks of 500 ids, 2 requests in flight. Every response must have no errors and one result per id.
 * Until the subsistence-check issue is merged the gateway refuses or answers []: the key is then null and
 * the reason is reported, the run goes on.
 */
const { Client } = require('pg');
const { databaseNameFor, databaseUrl } = require('@hub/db');
const { Target } = require('../lib/load');
const { SUBSISTENCE_CHECKS } = require('../lib/queries');
const { userToken, CIVIL_OFFICER } = require('../lib/tokens');
const { spread } = require('../lib/stats');

const APPLICATIONS = 10_000;
const CHUNK = 500;
const IN_FLIGHT = 2;

async function applicationIds(serverUrl) {
  const client = new Client({ connectionString: databaseUrl(serverUrl, databaseNameFor('civil-affairs')) });
  await client.connect();
  try {
    return (await client.query('select id from assistance_application order by id limit $1', [APPLICATIONS])).rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

async function batch(ctx) {
  const ids = await applicationIds(ctx.serverUrl);
  const target = new Target(ctx.hub.gatewayUrl, { authorization: `Bearer ${await userToken(CIVIL_OFFICER)}`, 'x-purpose': 'SUBSISTENCE_REVIEW' }, { connections: IN_FLIGHT });
  const chunks = [];
  for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
  const detail = { applicationsInDatabase: ids.length, applicationsWanted: APPLICATIONS, chunkSize: CHUNK, inFlight: IN_FLIGHT };
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
    for (let r = 0; r < ctx.settings.repeats; r++) {
      const run = await once();
      runs.push(run);
      if (run.failures.length) break;
      ctx.log(`subsistenceChecks repeat ${r + 1}: ${run.results} applications in ${run.seconds.toFixed(2)} s`);
    }
    const last = runs[runs.length - 1];
    Object.assign(detail, { chunks: chunks.length, runs: runs.map((r) => ({ seconds: Number(r.seconds.toFixed(2)), results: r.results, chunkMs: r.chunkMs })) });
    if (last.failures.length) {
      detail.notAvailable = `not available: ${last.failures[0]}`;
      ctx.log(`subsistenceChecks ${detail.notAvailable}`);
      ctx.record('batch_review_10k_households_s', null, detail);
      return;
    }
    const seconds = spread(runs.map((r) => r.seconds));
    detail.spread = seconds;
    if (ids.length < APPLICATIONS) {
      detail.notAvailable = `not available: the seeded district holds ${ids.length} assistance applications, fewer than ${APPLICATIONS} (all ${ids.length} checked in ${seconds.median} s, median of ${runs.length})`;
      ctx.log(`subsistenceChecks ${detail.notAvailable}`);
      ctx.record('batch_review_10k_households_s', null, detail);
      return;
    }
    ctx.record('batch_review_10k_households_s', seconds.median, detail);
  } finally {
    await target.close();
  }
}

module.exports = { batch, applicationIds, APPLICATIONS };
