import { gridhubHome } from '@hub/access';
import { databaseNameFor, databaseUrl, resolvePostgresServer } from '@hub/db';
import { SUBGRAPHS } from '@hub/topology';
import { CheckpointStore, anchorsOf, checkpointDirectory, loadCheckpointKeys, retentionDays, trustedCheckpoints, type CheckpointKeys } from './checkpoints';
import { verifyAccessLog } from './verify-database';

/**
 * `npm run audit:verify`: walks every subgraph's access-log hash chain and checks it against the signed checkpoints
 * kept outside the database (ADR 0017); exit 0 only when all verify.
 */
async function main(): Promise<void> {
  const home = gridhubHome();
  let keys: CheckpointKeys | undefined;
  try {
    keys = loadCheckpointKeys(home);
  } catch (error) {
    if (process.env.NODE_ENV === 'production') throw error;
    process.stdout.write(`note     no checkpoint key (${(error as Error).message}); the chains are checked without signed checkpoints\n`);
  }
  const store = new CheckpointStore(checkpointDirectory(home));
  const keepDays = retentionDays();
  const server = await resolvePostgresServer({ home, instance: 'dev' });
  let failures = 0;
  try {
    for (const { name } of SUBGRAPHS) {
      const database = databaseNameFor(name);
      try {
        // Checkpoints are read before the walk takes its last row: every one of them names a row the walk must reach.
        const { trusted, forged } = keys ? trustedCheckpoints(store.read(name), name, keys.publicKey) : { trusted: [], forged: 0 };
        if (forged > 0) {
          failures++;
          process.stdout.write(`FORGED   ${name.padEnd(16)} ${forged} checkpoint(s) in ${store.directory} do not verify with the checkpoint key\n`);
          continue;
        }
        const verdict = await verifyAccessLog(databaseUrl(server.url, database), anchorsOf(trusted, keepDays));
        const anchored = trusted.length > 0 ? `, ${trusted.length} signed checkpoint(s) hold` : keys ? ', no signed checkpoint yet' : '';
        if (verdict.ok) {
          process.stdout.write(`ok       ${name.padEnd(16)} ${verdict.rows} events, chain intact${anchored}\n`);
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
