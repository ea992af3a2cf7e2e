import { defaultSubgraphUrl, subgraphUrlVariable, type SubgraphName } from './departments';

type Environment = Readonly<Record<string, string | undefined>>;

/** Where a subgraph answers: its SUBGRAPH_URL_<NAME>, else its demo port on this machine. */
export function subgraphUrl(name: SubgraphName, env: Environment = process.env): string {
  return env[subgraphUrlVariable(name)] || defaultSubgraphUrl(name);
}

/** The database prefix of this run (DB_PREFIX, default `gridhub`). */
export function databasePrefix(env: Environment = process.env): string {
  return env.DB_PREFIX || 'gridhub';
}

/** A department's own database on the shared server: `<prefix>_<name>` (civil-affairs → gridhub_civil_affairs). */
export function databaseNameFor(name: string, prefix = databasePrefix()): string {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`DB_PREFIX must be lower-case letters, digits and _; got "${prefix}"`);
  return `${prefix}_${name.replace(/-/g, '_')}`;
}
