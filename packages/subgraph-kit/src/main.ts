import { missingProductionSecrets, productionSecretsRefusal } from '@hub/access';
import { ConfigError, SENTENCE, envVar, parseEnv, portNumber, stopOnSignals, z } from '@hub/http';
import { buildSubgraph, startSubgraph, subgraphMigrations } from './start-subgraph';
import type { SubgraphDefinition } from './subgraph-definition';

/** A subgraph process's environment, read once: a bad value stops it with exit 2 and a message naming the variable. */
function subgraphEnv(definition: SubgraphDefinition<unknown>) {
  return z.object({
    PORT: portNumber(definition.defaultPort),
    HOST: envVar(z.string().default('127.0.0.1')),
    DATABASE_URL: envVar(z.string().optional()).refine((url) => url !== undefined, { message: `${definition.name}: DATABASE_URL is required (npm start sets it; see README)`, params: SENTENCE }),
    // `--migrate` grants this role DML on the department's tables (deploy/README.md: the runtime role).
    DATABASE_RUNTIME_ROLE: envVar(z.string().optional()),
    // A cluster migrates in its Job and runs the subgraph as a role that may not; a development start migrates.
    MIGRATE_ON_START: envVar(z.enum(['true', 'false']).default('true')),
  });
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
  let env: z.output<ReturnType<typeof subgraphEnv>>;
  // Serving needs the real secrets; a migration (the cluster's Job) touches no token and no person key.
  const missing = mode === '--migrate' ? [] : missingProductionSecrets(process.env, 'subgraph');
  if (missing.length > 0) {
    console.error(`${definition.name}: ${productionSecretsRefusal(missing)}`);
    process.exit(2);
  }
  try {
    env = parseEnv(subgraphEnv(definition as SubgraphDefinition<unknown>), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const serverUrl = env.DATABASE_URL!;
  if (mode === '--migrate') {
    import('@hub/db')
      .then(async ({ openDepartmentOrm, databaseNameFor, grantRuntimeRole }) => {
        const databaseName = databaseNameFor(definition.name);
        const orm = await openDepartmentOrm({ serverUrl, databaseName, entities: definition.entities, migrations: subgraphMigrations(definition) });
        await orm.close();
        if (env.DATABASE_RUNTIME_ROLE) await grantRuntimeRole(serverUrl, databaseName, env.DATABASE_RUNTIME_ROLE);
      })
      .catch((error) => {
        console.error(`${definition.name}: migration failed: ${error?.message ?? error}`);
        process.exit(1);
      });
    return;
  }
  startSubgraph(definition, { serverUrl, port: env.PORT, host: env.HOST, migrate: env.MIGRATE_ON_START === 'true' })
    .then((running) => {
      console.log(JSON.stringify({ level: 'info', subgraph: definition.name, msg: 'ready', url: running.url }));
      stopOnSignals(
        () => running.stop(),
        (code) => process.exit(code),
      );
    })
    .catch((error) => {
      console.error(`${definition.name}: failed to start: ${error?.stack ?? error}`);
      process.exit(1);
    });
}
