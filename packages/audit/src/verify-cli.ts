import { gridhubHome } from '@hub/access';
import { databaseNameFor, databaseUrl, resolvePostgresServer } from '@hub/db';
import { SUBGRAPHS } from '@hub/topology';
import { verifyAccessLog } from './verify-database';

/** `npm run audit:verify`: walks every subgraph's access-log hash chain; exit 0 only when all verify. */
async function main(): Promise<void> {
  const server = await resolvePostgresServer({ home: gridhubHome(), instance: 'dev' });
  let failures = 0;
  try {
    for (const { name } of SUBGRAPHS) {
      const database = databaseNameFor(name);
      try {
        const verdict = await verifyAccessLog(databaseUrl(server.url, database));
        if (verdict.ok) {
          process.stdout.write(`ok       ${name.padEnd(16)} ${verdict.rows} events, chain intact\n`);
        } else {
          failures++;
          process.stdout.write(`BROKEN   ${name.padEnd(16)} at event ${verdict.broken!.id}: ${verdict.broken!.reason}\n`);
        }
      } catch (error) {
        failures++;
        process.stdout.write(`ERROR    ${name.padEnd(16)} ${(error as Error).message}\n`);
      }
    }
  } finally {
    await server.stop();
  }
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`audit:verify failed: ${error?.stack ?? error}\n`);
  process.exit(2);
});
