import { databaseNameFor } from '@hub/db';

/**
 * A database of the department's schema that only one test file uses, so that the file can truncate and
 * fill it freely while other files read the seeded district in parallel.
 */
export function isolatedDatabaseName(subgraph: string): string {
  return databaseNameFor(`own_${subgraph}`);
}
