import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridhubHome } from '@hub/access';
import { Client } from 'pg';
import { databaseNameFor, databaseUrl, dropDatabase } from '@hub/db';
import type { SeedManifest } from '@hub/seeds';
import { migrateAll, runNodeScript, seedsEntry } from '@hub/stack';
import { SUBGRAPHS } from '@hub/topology';
import { TEST_DISTRICT } from './global-setup';

/** A seeded district on databases of a test file's own, and how to drop it. */
export interface OwnDistrict {
  /** The DB_PREFIX to start the hub with (`startHub({ env: { DB_PREFIX: prefix } })`). */
  prefix: string;
  manifest: SeedManifest;
  /** One statement on a department's database of this district, its rows. */
  query<T>(subgraph: string, text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * The test district again, on databases of the file's own (DB_PREFIX + "_" + suffix): for a file that changes records
 * other files count or list exhaustively (a death, a move), so that the shared district stays as seeded.
 */
export async function seedOwnDistrict(suffix: string): Promise<OwnDistrict> {
  const prefix = `${process.env.DB_PREFIX || 'gridhub_test'}_${suffix}`;
  const env = { ...process.env, DB_PREFIX: prefix };
  await migrateAll(env, true);
  await runNodeScript({ name: 'seed', script: seedsEntry(), args: ['--residents', String(TEST_DISTRICT.residents), '--seed', String(TEST_DISTRICT.seed), '--quiet'], env, quiet: true });
  const manifest = JSON.parse(readFileSync(join(gridhubHome(), `seed-manifest-${prefix}.json`), 'utf8')) as SeedManifest;
  return {
    prefix,
    manifest,
    async query<T>(subgraph: string, text: string, values: unknown[] = []) {
      const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(subgraph, prefix)) });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async drop() {
      for (const { name } of SUBGRAPHS) await dropDatabase(process.env.DATABASE_URL!, databaseNameFor(name, prefix));
    },
  };
}
