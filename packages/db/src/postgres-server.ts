import { join } from 'node:path';
import { startEmbeddedPostgres, type PostgresServer } from './embedded-postgres';

/**
 * The PostgreSQL server the hub uses: DATABASE_URL when set, otherwise an embedded server whose data
 * lives under the hub's home folder (`instance` keeps the demo and the test suite apart).
 */
export async function resolvePostgresServer(options: { home: string; instance: 'dev' | 'test'; log?: (line: string) => void }): Promise<PostgresServer> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    try {
      new URL(fromEnv);
    } catch {
      throw new Error(`DATABASE_URL is not a valid URL: "${fromEnv}"`);
    }
    return { url: fromEnv, owned: false, stop: async () => undefined };
  }
  const defaultPort = options.instance === 'dev' ? 54329 : 54339;
  const port = Number(process.env.GRIDHUB_PG_PORT || defaultPort);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`GRIDHUB_PG_PORT must be a port number; got "${process.env.GRIDHUB_PG_PORT}"`);
  return startEmbeddedPostgres({ dataDir: join(options.home, `pgdata-${options.instance}`), port, log: options.log });
}
