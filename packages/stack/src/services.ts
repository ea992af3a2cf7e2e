import { join } from 'node:path';
import { repositoryRoot } from '@hub/access';

export function subgraphEntry(name: string): string {
  return join(repositoryRoot(), 'subgraphs', name, 'dist', 'index.js');
}

export function gatewayEntry(): string {
  return join(repositoryRoot(), 'gateway', 'dist', 'index.js');
}

export function seedsEntry(): string {
  return join(repositoryRoot(), 'seeds', 'dist', 'cli.js');
}
