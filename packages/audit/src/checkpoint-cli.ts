import { Client } from 'pg';
import { gridhubHome } from '@hub/access';
import { databaseNameFor, databaseUrl, resolvePostgresServer } from '@hub/db';
import { SUBGRAPHS } from '@hub/topology';
import { CheckpointStore, checkpointDirectory, loadCheckpointKeys, retentionDays, takeCheckpoint, trustedCheckpoints } from './checkpoints';
import { pruneAccessLog } from './retention';

/**
 * `npm run audit:checkpoint`: signs the head of every department's access log and appends it to the checkpoint
 * store (run it periodically: a CronJob, ADR 0017). `npm run audit:checkpoint -- --prune` then also deletes what
 * retention (AUDIT_RETENTION_DAYS, at least three years) allows, through the newest old-enough checkpoint.
 */
async function main(): Promise<void> {
  const prune = process.argv.includes('--prune');
  const home = gridhubHome();
  const keys = loadCheckpointKeys(home, process.env, { generate: process.env.NODE_ENV !== 'production' });
  if (!keys.privateKey) throw new Error('AUDIT_CHECKPOINT_PRIVATE_KEY is not set: only the checkpoint job holds it');
  const keepDays = retentionDays();
  const store = new CheckpointStore(checkpointDirectory(home));
  const server = await resolvePostgresServer({ home, instance: 'dev' });
  let failures = 0;
  try {
    for (const { name } of SUBGRAPHS) {
      const client = new Client({ connectionString: databaseUrl(server.url, databaseNameFor(name)) });
      await client.connect();
      try {
        if (prune) {
          const { trusted } = trustedCheckpoints(store.read(name), name, keys.publicKey);
          const pruned = await pruneAccessLog(client, trusted, keepDays);
          if (pruned.deleted > 0) process.stdout.write(`pruned   ${name.padEnd(16)} ${pruned.deleted} events through ${pruned.through!.lastId} (written ${pruned.through!.lastAt})\n`);
        }
        const checkpoint = await takeCheckpoint(client, name, keys.privateKey);
        if (checkpoint) store.append(checkpoint);
        process.stdout.write(checkpoint ? `signed   ${name.padEnd(16)} event ${checkpoint.lastId} ${checkpoint.lastHash.slice(0, 16)}…\n` : `empty    ${name.padEnd(16)} nothing to sign\n`);
      } catch (error) {
        failures++;
        process.stdout.write(`ERROR    ${name.padEnd(16)} ${(error as Error).message}\n`);
      } finally {
        await client.end();
      }
    }
  } finally {
    await server.stop();
  }
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`audit:checkpoint failed: ${error?.stack ?? error}\n`);
  process.exit(2);
});
