import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
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

/** Creates the department's database if needed, applies pending checked-in migrations, and returns the ORM. */
export async function openDepartmentOrm(options: DepartmentOrmOptions & { migrate?: boolean }): Promise<MikroORM> {
  await ensureDatabase(options.serverUrl, options.databaseName);
  const orm = await MikroORM.init(departmentOrmConfig(options));
  if (options.migrate !== false) await orm.getMigrator().up();
  return orm;
}
