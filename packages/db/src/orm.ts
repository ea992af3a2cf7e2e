import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { Client } from 'pg';
import { databaseUrl, ensureDatabase } from './database-url';

export interface DepartmentOrmOptions {
  serverUrl: string;
  databaseName: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  /** Called with every SQL statement; tests count statements with it. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
}

export function departmentOrmConfig(options: DepartmentOrmOptions): Options {
  return {
    clientUrl: databaseUrl(options.serverUrl, options.databaseName),
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    allowGlobalContext: false,
    debug: options.onQuery ? ['query'] : false,
    colors: false,
    logger: options.onQuery ? (message: string) => options.onQuery!(message) : undefined,
    discovery: { warnWhenNoEntities: false },
  };
}

/**
 * The advisory lock a migration holds on its department's database (advisory locks are per database), so that
 * two migrators started at once — two Job pods, a Job and a subgraph starting — run one after the other: the second
 * finds nothing pending. Distinct from the audit chain's lock (720112).
 */
export const MIGRATION_LOCK_KEY = 720_113;

/**
 * Applies pending migrations under the migration lock, held by a session of its own: if the process dies the
 * session ends and PostgreSQL releases the lock.
 */
export async function migrateUnderLock(orm: MikroORM, serverUrl: string, databaseName: string): Promise<void> {
  const lock = new Client({ connectionString: databaseUrl(serverUrl, databaseName) });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await orm.getMigrator().up();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

/** Creates the database if needed, applies pending checked-in migrations (one migrator at a time), and returns the ORM. */
export async function openDepartmentOrm(options: DepartmentOrmOptions & { migrate?: boolean }): Promise<MikroORM> {
  if (options.migrate !== false) await ensureDatabase(options.serverUrl, options.databaseName);
  const orm = await MikroORM.init(departmentOrmConfig(options));
  if (options.migrate !== false) {
    try {
      await migrateUnderLock(orm, options.serverUrl, options.databaseName);
    } catch (error) {
      await orm.close();
      throw error;
    }
  }
  return orm;
}
