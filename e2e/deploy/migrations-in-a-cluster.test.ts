/**
 * What the migration Job relies on: migrators started at once take turns (an advisory lock on the department's
 * database), and the role the subgraph runs as gets its department's data and no DDL.
 */
import { Client } from 'pg';
import { MIGRATION_LOCK_KEY, databaseNameFor, databaseUrl, dropDatabase, ensureDatabase } from '@hub/db';
import { runNodeScript, subgraphEntry } from '@hub/stack';

const serverUrl = process.env.DATABASE_URL!;
// A database of this file's own (its own prefix), fresh for every test.
const prefix = `${process.env.DB_PREFIX}_lock`;
const database = databaseNameFor('housing', prefix);
const runtimeRole = `${process.env.DB_PREFIX}_housing_runtime`;

function migrate(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  return runNodeScript({ name: 'migrate:housing', script: subgraphEntry('housing'), args: ['--migrate'], env: { ...process.env, DB_PREFIX: prefix, ...extraEnv } });
}

async function withClient<T>(name: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, name) });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const appliedMigrations = () => withClient(database, async (c) => (await c.query<{ name: string }>('SELECT name FROM mikro_orm_migrations ORDER BY id')).rows.map((r) => r.name));

beforeEach(() => dropDatabase(serverUrl, database));
afterAll(async () => {
  await dropDatabase(serverUrl, database);
  await withClient('postgres', (c) => c.query(`DROP ROLE IF EXISTS ${runtimeRole}`));
});

it('two migrations started at once against a fresh database both succeed, and each migration runs once', async () => {
  await Promise.all([migrate(), migrate()]);
  const names = await appliedMigrations();
  expect(names.length).toBeGreaterThan(3);
  expect(new Set(names).size).toBe(names.length);
});

it('a migration waits while another holds the migration lock', async () => {
  await ensureDatabase(serverUrl, database);
  const holder = new Client({ connectionString: databaseUrl(serverUrl, database) });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    let finished = false;
    const running = migrate().then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(finished).toBe(false);
    const tables = await holder.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rowCount).toBe(0);
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await running;
    expect((await appliedMigrations()).length).toBeGreaterThan(3);
  } finally {
    await holder.end();
  }
});

it('the runtime role reads and writes its department’s rows but cannot create a table or rewrite the access log', async () => {
  await withClient('postgres', async (c) => {
    await c.query(`DROP ROLE IF EXISTS ${runtimeRole}`);
    await c.query(`CREATE ROLE ${runtimeRole} LOGIN NOCREATEDB NOCREATEROLE NOSUPERUSER`);
  });
  await migrate({ DATABASE_RUNTIME_ROLE: runtimeRole });
  await withClient(database, async (c) => {
    const refused = async (sql: string) => {
      await c.query('SAVEPOINT attempt');
      const error = await c.query(sql).then(
        () => undefined,
        (e: { code?: string }) => e,
      );
      await c.query('ROLLBACK TO SAVEPOINT attempt');
      return error?.code;
    };
    await c.query('BEGIN');
    await c.query(`SET LOCAL ROLE ${runtimeRole}`);
    const { rows } = await c.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'mikro_orm_migrations' AND table_name <> 'access_log' ORDER BY 1 LIMIT 1",
    );
    const table = rows[0].table_name as string;
    await c.query(`SELECT * FROM "${table}" LIMIT 1`);
    await c.query(`DELETE FROM "${table}" WHERE false`);
    await c.query('SELECT count(*) FROM access_log');
    // 42501 insufficient_privilege
    expect(await refused('CREATE TABLE intruder (id int)')).toBe('42501');
    expect(await refused(`ALTER TABLE "${table}" ADD COLUMN intruder int`)).toBe('42501');
    expect(await refused(`DROP TABLE "${table}"`)).toBe('42501');
    expect(await refused('DELETE FROM access_log')).toBe('42501');
    await c.query('ROLLBACK');
  });
});
