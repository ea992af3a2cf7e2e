import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department } from '@hub/access';
import type { NonEmptyArray } from 'type-graphql';
import type { ReferenceResolvers } from './build-federated-schema';

/** What a department's subgraph declares; subgraph-kit turns it into a running, authenticated server. */
export interface SubgraphDefinition<Loaders = unknown> {
  /** kebab-case name, also the database suffix and the supergraph's subgraph name. */
  name: string;
  department: Department;
  defaultPort: number;
  entities: Function[];
  migrations: MigrationObject[];
  // type-graphql takes resolver classes as plain constructors.
  // eslint-disable-next-line @typescript-eslint/ban-types
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/ban-types
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  createLoaders(em: EntityManager): Loaders;
}
