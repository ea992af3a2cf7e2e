import { SUBGRAPHS } from '@hub/topology';
import { subgraphEntry } from './services';
import { runNodeScript } from './processes';

/**
 * Each subgraph migrates its own database with its own checked-in migrations, in its own process
 * (subgraphs never share code or metadata).
 */
export async function migrateAll(env: NodeJS.ProcessEnv, quiet = true, only?: string[]): Promise<void> {
  const names = only ?? SUBGRAPHS.map((s) => s.name);
  await Promise.all(SUBGRAPHS.filter(({ name }) => names.includes(name)).map(({ name }) => runNodeScript({ name: `migrate:${name}`, script: subgraphEntry(name), args: ['--migrate'], env, quiet })));
}
