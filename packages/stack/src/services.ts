import { join } from 'node:path';
import { repositoryRoot } from '@hub/access';

/** The department subgraphs, in the order they start. Ports are the demo defaults. */
export const SUBGRAPHS = [
  { name: 'population', port: 4001 },
  { name: 'housing', port: 4002 },
  { name: 'civil-affairs', port: 4003 },
  { name: 'public-security', port: 4004 },
  { name: 'grid', port: 4005 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const GATEWAY_DEFAULT_PORT = 4000;

export function subgraphEntry(name: string): string {
  return join(repositoryRoot(), 'subgraphs', name, 'dist', 'index.js');
}

export function gatewayEntry(): string {
  return join(repositoryRoot(), 'gateway', 'dist', 'index.js');
}

export function seedsEntry(): string {
  return join(repositoryRoot(), 'seeds', 'dist', 'cli.js');
}

/** Environment variable that points the gateway at a subgraph, e.g. SUBGRAPH_URL_CIVIL_AFFAIRS. */
export function subgraphUrlVariable(name: string): string {
  return `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}
