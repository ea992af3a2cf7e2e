import { Client } from 'pg';
import { databaseUrl } from './database-url';

/**
 * Gives the role a subgraph runs as (DATABASE_RUNTIME_ROLE; created by the DBA with LOGIN, NOCREATEDB, NOCREATEROLE —
 * deploy/sql/runtime-roles.sql) rights to its own department's data and nothing else: SELECT, INSERT, UPDATE and
 * DELETE on the tables, sequences and the audit functions, never CREATE. Run by the migration (as the database's
 * owner), after the migrations, so tables a migration added are covered too. The access log stays append-only
 * for it: INSERT and SELECT only.
 */
export async function grantRuntimeRole(serverUrl: string, databaseName: string, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`DATABASE_RUNTIME_ROLE must be lower-case letters, digits and _; got "${role}"`);
  const client = new Client({ connectionString: databaseUrl(serverUrl, databaseName) });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rowCount) throw new Error(`DATABASE_RUNTIME_ROLE ${role} does not exist; create it first (deploy/sql/runtime-roles.sql)`);
    await client.query(`
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      REVOKE ALL ON DATABASE "${databaseName}" FROM PUBLIC;
      GRANT CONNECT ON DATABASE "${databaseName}" TO ${role};
      GRANT USAGE ON SCHEMA public TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
      REVOKE UPDATE, DELETE ON TABLE access_log FROM ${role};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role};
    `);
  } finally {
    await client.end();
  }
}
