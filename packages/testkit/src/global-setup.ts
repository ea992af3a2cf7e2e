import { existsSync } from 'node:fs';
import { ensureDevKeys, gridhubHome } from '@hub/access';
import { resolvePostgresServer } from '@hub/db';
import { migrateAll, runNodeScript, seedsEntry } from '@hub/stack';

/** Residents in the district every test shares (deterministic: same seed, same people). */
export const TEST_DISTRICT = { residents: 3000, seed: 20261125 };

/**
 * Once per `npm test`: a real PostgreSQL (DATABASE_URL, else an embedded test instance), development
 * keys, every department's database migrated, and a small seeded district. Worker processes inherit env.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const home = gridhubHome();
  ensureDevKeys(home);
  process.env.DB_PREFIX = process.env.DB_PREFIX || 'gridhub_test';
  const server = await resolvePostgresServer({ home, instance: 'test', log: (line) => process.stderr.write(`[postgres] ${line}\n`) });
  process.env.DATABASE_URL = server.url;
  (globalThis as Record<string, unknown>).__gridhubPostgres = server;
  // GRIDHUB_TEST_SUBGRAPHS=housing,grid limits set-up to those subgraphs (and skips seeding) while one is being built.
  const only = process.env.GRIDHUB_TEST_SUBGRAPHS?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  await migrateAll(process.env, true, only);
  if (!only && existsSync(seedsEntry())) {
    await runNodeScript({
      name: 'seed',
      script: seedsEntry(),
      args: ['--residents', String(TEST_DISTRICT.residents), '--seed', String(TEST_DISTRICT.seed), '--quiet'],
      env: process.env,
      quiet: true,
    });
  }
  process.stderr.write(`\n[testkit] PostgreSQL ${server.owned ? 'embedded' : 'from DATABASE_URL'}, migrated and seeded in ${Date.now() - started} ms\n`);
}
