/**
 * The loader against a real PostgreSQL: it gets its own five databases (<DB_PREFIX>_seedtest_*), so it
 * never disturbs the shared test district other suites read, migrates them with the subgraphs' own
 * migrations, loads N = 2000 and checks counts, cross-database references and determinism by SQL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseNameFor, databaseUrl, dropDatabase } from '@hub/db';
import { migrateAll } from '@hub/stack';
import { Client } from 'pg';
import { copyLine, copyValue, loadDistrict, type LoadResult } from '../src/copy-loader';
import { generateDistrict, type GeneratedDistrict } from '../src/generate-district';
import { DEPARTMENTS, TABLE_SPECS, type Department } from '../src/tables';

const serverUrl = process.env.DATABASE_URL!;
const prefix = `${process.env.DB_PREFIX || 'gridhub_test'}_seedtest`;
const clients = new Map<Department, Client>();
let district: GeneratedDistrict;
let loaded: LoadResult;

async function query<T extends Record<string, unknown> = Record<string, unknown>>(department: Department, sql: string): Promise<T[]> {
  return (await clients.get(department)!.query(sql)).rows as T[];
}

async function column(department: Department, sql: string): Promise<Set<string>> {
  return new Set((await query(department, sql)).map((row) => String(Object.values(row)[0])));
}

/** A digest of a table's full contents in a stable order (identity ids included). */
async function tableDigest(department: Department, table: string, orderBy: string): Promise<string> {
  const [row] = await query<{ digest: string }>(department, `select md5(string_agg(t::text, E'\\n' order by ${orderBy})) as digest from ${table} t`);
  return row.digest;
}

beforeAll(async () => {
  await migrateAll({ ...process.env, DB_PREFIX: prefix });
  district = generateDistrict({ residents: 2000, seed: 20261125 });
  loaded = await loadDistrict(serverUrl, district, { databasePrefix: prefix });
  for (const department of DEPARTMENTS) {
    const client = new Client({ connectionString: databaseUrl(serverUrl, databaseNameFor(department, prefix)) });
    await client.connect();
    clients.set(department, client);
  }
}, 180_000);

afterAll(async () => {
  for (const client of clients.values()) await client.end();
  for (const department of DEPARTMENTS) await dropDatabase(serverUrl, databaseNameFor(department, prefix)).catch(() => undefined);
});

describe('loading a district with COPY', () => {
  it('puts exactly the generated rows into every table of the five databases', async () => {
    for (const spec of TABLE_SPECS) {
      const [{ count }] = await query<{ count: string }>(spec.department, `select count(*) from ${spec.table}`);
      expect({ table: spec.key, rows: Number(count) }).toEqual({ table: spec.key, rows: district.counts[spec.key] });
      expect(loaded.counts[spec.key]).toBe(district.counts[spec.key]);
    }
    expect(loaded.residents).toBe(2000);
    expect(loaded.planted.eligibleApplications.map((p) => p.applicationId)).toEqual(district.planted.eligibleApplications.map((p) => p.applicationId));
  });

  it('keeps references across departments intact', async () => {
    const persons = await column('population', 'select id from person');
    const grids = await column('grid', 'select code from grid');
    const dwellings = await column('housing', 'select id from dwelling');
    const households = await column('population', 'select id from household');

    const missing = (values: Set<string>, within: Set<string>) => [...values].filter((v) => !within.has(v));
    expect(missing(await column('population', 'select distinct residence_grid_code from person where residence_grid_code is not null'), grids)).toEqual([]);
    expect(missing(await column('population', 'select distinct residence_dwelling_id from person where residence_dwelling_id is not null'), dwellings)).toEqual([]);
    expect(missing(await column('public-security', 'select distinct person_id from floating_registration'), persons)).toEqual([]);
    expect(missing(await column('public-security', 'select distinct dwelling_id from floating_registration'), dwellings)).toEqual([]);
    expect(missing(await column('public-security', 'select distinct owner_person_id from vehicle'), persons)).toEqual([]);
    expect(missing(await column('public-security', 'select distinct person_id from key_person'), persons)).toEqual([]);
    expect(missing(await column('housing', 'select distinct owner_person_id from ownership'), persons)).toEqual([]);
    expect(missing(await column('housing', 'select distinct tenant_person_id from tenancy union select landlord_person_id from tenancy'), persons)).toEqual([]);
    expect(missing(await column('housing', 'select distinct grid_code from dwelling'), grids)).toEqual([]);
    expect(
      missing(
        await column('civil-affairs', 'select distinct person_id from assistance_record union select person_id from income_declaration union select person_id from disability_certificate'),
        persons,
      ),
    ).toEqual([]);
    expect(missing(await column('civil-affairs', 'select distinct household_id from assistance_application'), households)).toEqual([]);
    expect(await column('grid', 'select dwelling_id from dwelling_grid')).toEqual(dwellings);
    expect(await column('population', "select count(*) from person where population_type = 'FLOATING' and household_id is not null")).toEqual(new Set(['0']));
  });

  it('agrees with itself on grids: a dwelling, its residents and its registrations share one grid code', async () => {
    const gridOf = new Map((await query<{ dwelling_id: string; grid_code: string }>('grid', 'select dwelling_id, grid_code from dwelling_grid')).map((r) => [r.dwelling_id, r.grid_code]));
    const residents = await query<{ residence_dwelling_id: string; residence_grid_code: string }>('population', 'select residence_dwelling_id, residence_grid_code from person');
    expect(residents.filter((r) => gridOf.get(r.residence_dwelling_id) !== r.residence_grid_code)).toEqual([]);
    const registrations = await query<{ dwelling_id: string; grid_code: string }>('public-security', 'select dwelling_id, grid_code from floating_registration');
    expect(registrations.filter((r) => gridOf.get(r.dwelling_id) !== r.grid_code)).toEqual([]);
  });

  it('analyzes the tables it loaded', async () => {
    const [row] = await query<{ analyzed: string }>('population', "select count(*) as analyzed from pg_stat_user_tables where relname in ('person','household') and last_analyze is not null");
    expect(Number(row.analyzed)).toBe(2);
  });

  it('reloads byte-identical rows, identity ids restarting at 1', async () => {
    const before = [
      await tableDigest('population', 'person', 'id'),
      await tableDigest('housing', 'ownership', 'id'),
      await tableDigest('civil-affairs', 'income_declaration', 'id'),
      await tableDigest('public-security', 'floating_registration', 'id'),
    ];
    await loadDistrict(serverUrl, generateDistrict({ residents: 2000, seed: 20261125 }), { databasePrefix: prefix, analyze: false });
    const after = [
      await tableDigest('population', 'person', 'id'),
      await tableDigest('housing', 'ownership', 'id'),
      await tableDigest('civil-affairs', 'income_declaration', 'id'),
      await tableDigest('public-security', 'floating_registration', 'id'),
    ];
    expect(after).toEqual(before);
    const [ids] = await query<{ min: string; max: string; count: string }>('housing', 'select min(id), max(id), count(*) from ownership');
    expect([Number(ids.min), Number(ids.max)]).toEqual([1, Number(ids.count)]);
  });

  it('leaves the old data in place when a load fails', async () => {
    const before = await tableDigest('population', 'person', 'id');
    const broken = generateDistrict({ residents: 2000, seed: 1 });
    broken.tables.person.push({ ...broken.tables.person[0] }); // a duplicate id_number violates the unique index
    await expect(loadDistrict(serverUrl, broken, { databasePrefix: prefix })).rejects.toThrow(/person: COPY failed/);
    expect(await tableDigest('population', 'person', 'id')).toBe(before);
    const [{ count }] = await query<{ count: string }>('housing', 'select count(*) from dwelling');
    expect(Number(count)).toBe(district.counts.dwelling);
  });
});

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return and writes NULL as \\N', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(false)).toBe('f');
    expect(copyValue(12)).toBe('12');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyLine({ a: '天津', b: null, c: 1 }, ['a', 'b', 'c'])).toBe('天津\t\\N\t1\n');
  });
});

describe('the seed command', () => {
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

  it('rejects unknown flags and bad numbers with exit code 2', () => {
    if (!existsSync(cli)) return; // built by `npm test` (turbo build); absent only in a source-only run
    expect(run(['--bogus']).status).toBe(2);
    expect(run(['--residents', '50']).stderr).toMatch(/--residents must be between 100 and 2,000,000/);
    expect(run(['--residents', 'many']).status).toBe(2);
    expect(run(['--help']).stdout).toMatch(/--residents <N>/);
  });

  it('loads, prints one JSON line on stdout and writes the manifest', () => {
    if (!existsSync(cli)) return;
    const home = mkdtempSync(join(tmpdir(), 'gridhub-seed-'));
    try {
      const result = run(['--residents', '500', '--seed', '3'], { DB_PREFIX: prefix, GRIDHUB_HOME: home });
      expect(result.status).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({ residents: 500, households: expect.any(Number), seconds: expect.any(Number) });
      expect(result.stderr).toMatch(/\[seed\] done: 500 residents/);
      const manifest = JSON.parse(readFileSync(join(home, 'seed-manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ residents: 500, seed: 3, databasePrefix: prefix, today: '2026-11-25' });
      expect(manifest.planted.eligibleApplications.length).toBeGreaterThanOrEqual(2);
      expect(existsSync(join(home, `seed-manifest-${prefix}.json`))).toBe(true);
      const quiet = run(['--residents', '100', '--quiet'], { DB_PREFIX: prefix, GRIDHUB_HOME: home });
      expect(quiet.status).toBe(0);
      expect(quiet.stderr).toBe('');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
