#!/usr/bin/env node
/**
 * Latency of floatingPopulation pages through the real gateway and subgraphs, on a seeded district:
 *   DATABASE_URL=… DB_PREFIX=gridhub_float_100k node subgraphs/public-security/scripts/measure-floating-search.js [iterations]
 * (seed it first: DB_PREFIX=… npm run seed -- --residents 680000  → ~101,700 ACTIVE floating registrations).
 * Prints one line per scenario with p50/p95 in ms of a first page (first: 50, with totalCount) and of the pages after it
 * along the cursor chain (without totalCount, as a client paging on asks).
 */
const { Client } = require('pg');
const { databaseNameFor, databaseUrl } = require('@hub/db');
const { postGraphQL, startHub, userToken } = require('@hub/testkit');

const iterations = Number(process.argv[2] ?? 40);
const BARE = 'totalCount pageInfo { hasNextPage endCursor } nodes { id gridCode inflowReason residenceType registeredOn permitExpiresOn }';
const JOINED = `totalCount pageInfo { hasNextPage endCursor } nodes { id inflowReason residenceType registeredOn permitExpiresOn
  person { id name idNumber phone } landlord { id name idNumber phone }
  dwelling { id address grid { code name } tenancies { current tenant { id } landlord { id } } } }`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function firstValue(department, sql, params = []) {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL, databaseNameFor(department)) });
  await client.connect();
  try {
    return Object.values((await client.query(sql, params)).rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

async function main() {
  const counted = await firstValue('public-security', "select count(*)::int from floating_registration where status = 'ACTIVE'");
  const landlordKey = await firstValue(
    'public-security',
    "select landlord_person_id from floating_registration where status = 'ACTIVE' and landlord_person_id is not null group by 1 order by count(*) desc, 1 limit 1",
  );
  const landlordIdNumber = await firstValue('population', 'select id_number from person where id = $1', [landlordKey]);
  const biggestStreet = await firstValue('public-security', "select left(grid_code, 9) from floating_registration where status = 'ACTIVE' group by 1 order by count(*) desc limit 1");
  const lastStreet = await firstValue('public-security', "select left(grid_code, 9) from floating_registration where status = 'ACTIVE' group by 1 order by max(id) desc limit 1");
  const grid = await firstValue('public-security', "select grid_code from floating_registration where status = 'ACTIVE' group by 1 order by count(*) desc limit 1");
  const fullName = await firstValue('public-security', "select registrant_name from floating_registration where status = 'ACTIVE' order by id desc limit 1");
  process.stderr.write(`${counted} ACTIVE registrations; biggest street ${biggestStreet}, last-generated street ${lastStreet}, grid ${grid}\n`);

  const scenarios = [
    { name: 'district, no filter', jurisdiction: '120112', filter: null },
    { name: 'district, no filter, joined', jurisdiction: '120112', filter: null, joined: true },
    { name: `street ${biggestStreet}, no filter`, jurisdiction: biggestStreet, filter: null },
    { name: `street ${biggestStreet}, no filter, joined`, jurisdiction: biggestStreet, filter: null, joined: true },
    { name: `street ${lastStreet} (ids last), no filter`, jurisdiction: lastStreet, filter: null },
    { name: 'district, 务工 + 租赁房屋', jurisdiction: '120112', filter: { inflowReason: '01', residenceType: '02' } },
    { name: `street ${biggestStreet}, 投亲靠友`, jurisdiction: biggestStreet, filter: { inflowReason: '08' } },
    { name: 'district, registered in 2025', jurisdiction: '120112', filter: { registeredAfter: '2024-12-31', registeredBefore: '2026-01-01' } },
    { name: 'district, permit lapses < 30 d, by expiry', jurisdiction: '120112', filter: { permitExpiresBefore: '2026-12-25' }, orderBy: 'PERMIT_EXPIRES_ON' },
    { name: `street ${biggestStreet}, lapses < 30 d, by expiry, joined`, jurisdiction: biggestStreet, filter: { permitExpiresBefore: '2026-12-25' }, orderBy: 'PERMIT_EXPIRES_ON', joined: true },
    { name: 'district, all by expiry', jurisdiction: '120112', filter: null, orderBy: 'PERMIT_EXPIRES_ON' },
    { name: `grid ${grid}`, jurisdiction: '120112', filter: { gridCode: grid } },
    { name: 'district, name 王 (prefix)', jurisdiction: '120112', filter: { name: '王' } },
    { name: `district, name ${fullName}`, jurisdiction: '120112', filter: { name: fullName } },
    { name: 'district, landlord ID number', jurisdiction: '120112', filter: { landlordIdNumber } },
  ];

  const hub = await startHub();
  try {
    const results = [];
    for (const scenario of scenarios) {
      const token = await userToken({ dept: 'PUBLIC_SECURITY', jurisdiction: scenario.jurisdiction });
      const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'FLOATING_POPULATION_MANAGEMENT' };
      const selection = scenario.joined ? JOINED : BARE;
      const query = (withCount) => `query($filter: FloatingPopulationFilter, $after: String, $orderBy: FloatingPopulationOrder) {
        floatingPopulation(filter: $filter, first: 50, after: $after, orderBy: $orderBy) { ${withCount ? selection : selection.replace('totalCount', '')} } }`;
      const call = async (after) => {
        const started = performance.now();
        // The first page asks for totalCount; the pages after it, as a client paging on would, do not.
        const response = await postGraphQL(hub.gatewayUrl, query(after === null), { filter: scenario.filter, after, orderBy: scenario.orderBy }, headers);
        const ms = performance.now() - started;
        if (response.errors) throw new Error(`${scenario.name}: ${JSON.stringify(response.errors.slice(0, 2))}`);
        return { ms, connection: response.data.floatingPopulation };
      };
      for (let i = 0; i < 5; i++) await call(null);
      const first = [];
      let total = 0;
      let after = null;
      for (let i = 0; i < iterations; i++) {
        const { ms, connection } = await call(null);
        first.push(ms);
        total = connection.totalCount;
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      }
      // Pages further down the cursor chain (each one a fresh keyset seek).
      const deep = [];
      for (let page = 0; page < iterations && after; page++) {
        const { ms, connection } = await call(after);
        deep.push(ms);
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      }
      if (deep.length === 0) deep.push(NaN);
      first.sort((a, b) => a - b);
      deep.sort((a, b) => a - b);
      const row = {
        scenario: scenario.name,
        totalCount: total,
        firstPageP50: +percentile(first, 50).toFixed(1),
        firstPageP95: +percentile(first, 95).toFixed(1),
        nextPagesP50: +percentile(deep, 50).toFixed(1),
        nextPagesP95: +percentile(deep, 95).toFixed(1),
        pages: deep.length,
      };
      results.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    await hub.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
