'use strict';
/*
 * The comparison point of federated_vs_single_sql: the same rows in one database, one schema per department
 * (`<DB_PREFIX>_single`), with the source tables' indexes, and one SQL statement that returns the facts of
 * the cross-department record. Copied with COPY … TO STDOUT piped into COPY … FROM STDIN on every run: a
 * re-seeded district keeps its row counts but not its rows, so a copy is never reused.
 */
const { pipeline } = require('node:stream/promises');
const { Client } = require('pg');
const { from: copyFrom, to: copyTo } = require('pg-copy-streams');
const { databaseNameFor, databaseUrl, ensureDatabase } = require('@hub/db');

const TABLES = {
  population: ['household', 'person'],
  housing: ['dwelling', 'ownership'],
  'civil-affairs': ['assistance_record', 'disability_certificate'],
  'public-security': ['floating_registration', 'key_person'],
  grid: ['grid', 'dwelling_grid'],
};
const schemaOf = (department) => department.replace(/-/g, '_');

/** Same facts as the CROSS_DEPARTMENT operation, with the same rules as the subgraphs' resolvers. */
const RECORD_SQL = `
select p.id, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.population_type,
  h.household_number,
  d.address, d.area, g.code as grid_code, g.name as grid_name,
  (select count(distinct o.dwelling_id) from housing.ownership o where o.owner_person_id = p.id)::int as owned_dwelling_count,
  exists (select 1 from civil_affairs.assistance_record a where a.person_id = p.id and a.status = 'ACTIVE') as receives_assistance,
  coalesce((select c.valid_until is null or c.valid_until >= current_date from civil_affairs.disability_certificate c
            where c.person_id = p.id order by c.issued_on desc, c.id desc limit 1), false) as has_disability,
  (select json_build_object('inflowReason', f.inflow_reason, 'residenceType', f.residence_type) from public_security.floating_registration f
    where f.person_id = p.id and f.status = 'ACTIVE' order by f.registered_on desc, f.id desc limit 1) as floating_registration,
  exists (select 1 from public_security.key_person k where k.person_id = p.id and k.active) as needs_attention
from population.person p
left join population.household h on h.id = p.household_id
left join housing.dwelling d on d.id = p.residence_dwelling_id
left join grid.dwelling_grid dg on dg.dwelling_id = p.residence_dwelling_id
left join grid.grid g on g.code = dg.grid_code
where p.id_number = $1`;

async function tableDdl(source, table, schema) {
  const { rows } = await source.query(
    `select a.attname, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull
       from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [`public.${table}`],
  );
  const columns = rows.map((r) => `"${r.attname}" ${r.type}${r.attnotnull ? ' not null' : ''}`).join(', ');
  const indexes = (await source.query(`select indexdef from pg_indexes where schemaname = 'public' and tablename = $1`, [table])).rows.map((r) => r.indexdef.replace(/ ON public\./, ` ON ${schema}.`));
  return { create: `create table ${schema}.${table} (${columns})`, indexes };
}

/** Builds the single database from the departments' current rows; returns its URL and the seconds the copy took. */
async function ensureSingleDatabase(serverUrl, log) {
  const name = databaseNameFor('single');
  await ensureDatabase(serverUrl, name);
  const target = new Client({ connectionString: databaseUrl(serverUrl, name) });
  await target.connect();
  const started = performance.now();
  let copied = false;
  try {
    for (const [department, tables] of Object.entries(TABLES)) {
      const schema = schemaOf(department);
      const source = new Client({ connectionString: databaseUrl(serverUrl, databaseNameFor(department)) });
      await source.connect();
      try {
        copied = true;
        log(`copying ${department} (${tables.join(', ')}) into ${name}.${schema}`);
        await target.query(`drop schema if exists ${schema} cascade`);
        await target.query(`create schema ${schema}`);
        for (const table of tables) {
          const ddl = await tableDdl(source, table, schema);
          await target.query(ddl.create);
          await pipeline(source.query(copyTo(`copy public.${table} to stdout`)), target.query(copyFrom(`copy ${schema}.${table} from stdin`)));
          for (const index of ddl.indexes) await target.query(index);
          await target.query(`analyze ${schema}.${table}`);
        }
      } finally {
        await source.end();
      }
    }
  } finally {
    await target.end();
  }
  return { url: databaseUrl(serverUrl, name), database: name, copySeconds: copied ? (performance.now() - started) / 1000 : 0 };
}

module.exports = { ensureSingleDatabase, RECORD_SQL };
