import { buildSubgraph, startSubgraph, subgraphMigrations } from './start-subgraph';
import type { SubgraphDefinition } from './subgraph-definition';

function portFromEnv(fallback: number): number {
  const raw = process.env.PORT;
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number; got "${raw}"`);
    process.exit(2);
  }
  return port;
}

/**
 * The process entry of every subgraph: `node dist/index.js` serves, `node dist/index.js --print-sdl` prints
 * the subgraph SDL (for composition; needs no database), `--migrate` applies migrations and exits.
 */
export function runSubgraphMain<L>(definition: SubgraphDefinition<L>): void {
  const mode = process.argv[2];
  if (mode === '--print-sdl') {
    buildSubgraph(definition)
      .then(({ sdl }) => process.stdout.write(sdl.endsWith('\n') ? sdl : sdl + '\n'))
      .catch((error) => {
        console.error(error);
        process.exit(1);
      });
    return;
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error(`${definition.name}: DATABASE_URL is required (npm start sets it; see README)`);
    process.exit(2);
  }
  if (mode === '--migrate') {
    import('@hub/db')
      .then(async ({ openDepartmentOrm, databaseNameFor }) => {
        const orm = await openDepartmentOrm({ serverUrl, databaseName: databaseNameFor(definition.name), entities: definition.entities, migrations: subgraphMigrations(definition) });
        await orm.close();
      })
      .catch((error) => {
        console.error(`${definition.name}: migration failed: ${error?.message ?? error}`);
        process.exit(1);
      });
    return;
  }
  startSubgraph(definition, { serverUrl, port: portFromEnv(definition.defaultPort), host: process.env.HOST || '127.0.0.1' })
    .then((running) => {
      console.log(JSON.stringify({ level: 'info', subgraph: definition.name, msg: 'ready', url: running.url }));
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((error) => {
      console.error(`${definition.name}: failed to start: ${error?.stack ?? error}`);
      process.exit(1);
    });
}
