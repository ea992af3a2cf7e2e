/**
 * The hub's departments: the one list every launcher, gateway, seed, schema, test and console reads. Plain data
 * and pure functions only (no Node APIs): the console bundles this file as it is.
 *
 * Adding a department: its row here, its subgraph folder (subgraphs/<name>), its name in words for the console
 * (console/src/format/labels.ts: the console does not build without it) and its manifest (deploy/: e2e/deploy
 * fails without it). Every launcher, the gateway, seeds, schema, audit and tests pick it up from this list.
 */

/** The departments that run a subgraph, in the order they start: name (its folder), code (tokens, policy, audit), demo port. */
export const SUBGRAPHS = [
  { name: 'population', department: 'POPULATION', port: 4001 },
  { name: 'housing', department: 'HOUSING', port: 4002 },
  { name: 'civil-affairs', department: 'CIVIL_AFFAIRS', port: 4003 },
  { name: 'public-security', department: 'PUBLIC_SECURITY', port: 4004 },
  { name: 'grid', department: 'GRID', port: 4005 },
] as const;

export type SubgraphTopology = (typeof SUBGRAPHS)[number];
export type SubgraphName = SubgraphTopology['name'];
export type SubgraphDepartment = SubgraphTopology['department'];

/** Departments whose officers sign in but that keep no records (no subgraph): 审计 reads the others' access logs. */
export const RECORDLESS_DEPARTMENTS = ['AUDIT'] as const;

export type Department = SubgraphDepartment | (typeof RECORDLESS_DEPARTMENTS)[number];

/** Every department code a user token may carry, subgraph departments first. */
export const DEPARTMENTS: readonly Department[] = [...SUBGRAPHS.map((subgraph) => subgraph.department), ...RECORDLESS_DEPARTMENTS];

export const GATEWAY_DEFAULT_PORT = 4000;

export function isSubgraphName(name: string): name is SubgraphName {
  return SUBGRAPHS.some((subgraph) => subgraph.name === name);
}

/** The row of a subgraph by its name; an unknown name is an error that lists the known ones. */
export function subgraphNamed(name: string): SubgraphTopology {
  const subgraph = SUBGRAPHS.find((entry) => entry.name === name);
  if (!subgraph) throw new Error(`unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
  return subgraph;
}

/** What a subgraph's definition takes from here: its name, department code and demo port. */
export function subgraphIdentity(name: SubgraphName): { name: SubgraphName; department: SubgraphDepartment; defaultPort: number } {
  const { department, port } = subgraphNamed(name);
  return { name, department, defaultPort: port };
}

/** `civil-affairs` → `CIVIL_AFFAIRS`, the department code tokens, the access policy and the audit log use. */
export function departmentOf(name: string): string {
  return SUBGRAPHS.find((subgraph) => subgraph.name === name)?.department ?? name.toUpperCase().replace(/-/g, '_');
}

/** Environment variable that points the gateway and the peers at a subgraph, e.g. SUBGRAPH_URL_CIVIL_AFFAIRS. */
export function subgraphUrlVariable(name: string): string {
  return `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** Where a subgraph answers on this machine in development: its demo port. */
export function defaultSubgraphUrl(name: string): string {
  return `http://127.0.0.1:${subgraphNamed(name).port}/graphql`;
}
