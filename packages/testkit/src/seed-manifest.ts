import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridhubHome } from '@hub/access';

/** A planted open 低保 application, as the seed manifest lists it (see seeds/src/planted.ts). */
export interface ManifestApplication {
  applicationId: string;
  householdId: string;
  applicantPersonId: string;
  applicantIdNumber: string;
  gridCode: string;
  status: string;
  authorizationOnFile: boolean;
}

export interface TestSeedManifest {
  planted: {
    eligibleApplications: ManifestApplication[];
    closedApplications: Array<{ applicationId: string; householdId: string; applicantPersonId: string; applicantIdNumber: string; status: string }>;
    [key: string]: unknown[];
  };
  [key: string]: unknown;
}

/** The planted cases of the district the global set-up seeded (the manifest of this DB_PREFIX). */
export function testSeedManifest(): TestSeedManifest {
  const prefix = process.env.DB_PREFIX || 'gridhub';
  const file = join(gridhubHome(), `seed-manifest-${prefix}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TestSeedManifest;
  } catch (error) {
    throw new Error(`cannot read the seed manifest ${file} (did the global set-up seed the test district?): ${(error as Error).message}`);
  }
}
