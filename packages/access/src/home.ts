import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file holding turbo.json. */
export function repositoryRoot(from = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'turbo.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the gridhub repository root above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Local, git-ignored state: development keys and embedded PostgreSQL data. GRIDHUB_HOME overrides. */
export function gridhubHome(): string {
  return process.env.GRIDHUB_HOME ? resolve(process.env.GRIDHUB_HOME) : join(repositoryRoot(), '.gridhub');
}
