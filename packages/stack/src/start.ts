import { Client } from 'pg';
import { ensureDevKeys, gridhubHome, loadPrivateKey, signUserToken } from '@hub/access';
import { databaseNameFor, databaseUrl, resolvePostgresServer } from '@hub/db';
import { migrateAll } from './migrate';
import { runNodeScript } from './processes';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '@hub/topology';
import { gatewayEntry, seedsEntry, subgraphEntry } from './services';
import { Supervisor } from './supervisor';

const log = (line: string) => process.stderr.write(`[gridhub] ${line}\n`);

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    log(`${name} must be a positive integer; got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function residentCount(serverUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, databaseNameFor('population')) });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from person');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

const EXAMPLE_QUERY = '{ people(first: 5) { nodes { name residence { address grid { code } } floatingRegistration { inflowReason } receivesAssistance ownedDwellingCount needsAttention } } }';

/** `npm start`: PostgreSQL, migrations, a seeded demo district on first start, five subgraphs and the gateway. */
async function main(): Promise<void> {
  const started = Date.now();
  const gatewayPort = positiveInteger('PORT', GATEWAY_DEFAULT_PORT);
  const demoResidents = positiveInteger('DEMO_RESIDENTS', 20_000);
  const home = gridhubHome();
  ensureDevKeys(home);
  const postgres = await resolvePostgresServer({ home, instance: 'dev', log });
  log(`PostgreSQL: ${postgres.owned ? `embedded, data in ${home}/pgdata-dev` : 'DATABASE_URL'}`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: postgres.url };
  const supervisor = new Supervisor(log);
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${signal}: stopping the gateway and subgraphs`);
    await supervisor.stopAll();
    await postgres.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await migrateAll(env);
  if ((await residentCount(postgres.url)) === 0) {
    log(`first start: seeding a demo district of ${demoResidents} residents`);
    await runNodeScript({ name: 'seed', script: seedsEntry(), args: ['--residents', String(demoResidents)], env });
  }
  const subgraphUrls: Record<string, string> = {};
  await Promise.all(
    SUBGRAPHS.map(async ({ name, port }) => {
      const url = `http://127.0.0.1:${port}`;
      subgraphUrls[subgraphUrlVariable(name)] = `${url}/graphql`;
      await supervisor.start({ name, script: subgraphEntry(name), env: { ...env, PORT: String(port) }, healthUrl: `${url}/health` });
    }),
  );
  await supervisor.start({
    name: 'gateway',
    script: gatewayEntry(),
    env: { ...env, ...subgraphUrls, PORT: String(gatewayPort) },
    // Liveness, not /health: the gateway is up (and serves the other departments) while a subgraph restarts.
    healthUrl: `http://127.0.0.1:${gatewayPort}/health/live`,
  });

  const token = await signUserToken(loadPrivateKey(home, 'user'), { sub: 'demo-grid-officer', name: '演示网格中心', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' });
  const gatewayUrl = `http://localhost:${gatewayPort}/graphql`;
  process.stdout.write(
    [
      '',
      `gridhub is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${gatewayUrl}`,
      '',
      `The staff console (工作台): http://localhost:${gatewayPort}/  — sign in with a department and jurisdiction (development sign-in)`,
      '',
      'A token for the district grid center (more: npm run --silent token -- --dept GRID --jurisdiction 120112):',
      `  TOKEN=${token}`,
      '',
      'Try a cross-department query:',
      `  curl -s ${gatewayUrl} -H "Authorization: Bearer $TOKEN" -H 'X-Purpose: GRID_SERVICE' -H 'Content-Type: application/json' \\`,
      `    -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  log(`failed to start: ${error?.stack ?? error}`);
  process.exit(1);
});
