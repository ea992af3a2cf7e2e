import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridhubHome } from '@hub/access';
import type { SeedManifest } from '@hub/seeds';

/** The planted cases of the district the global set-up seeded (the manifest of this DB_PREFIX). */
export function testSeedManifest(): SeedManifest {
  const prefix = process.env.DB_PREFIX || 'gridhub';
  const file = join(gridhubHome(), `seed-manifest-${prefix}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SeedManifest;
  } catch (error) {
    throw new Error(`cannot read the seed manifest ${file} (did the global set-up seed the test district?): ${(error as Error).message}`, { cause: error });
  }
}
