import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department, SubgraphPolicy } from '@hub/access';
import type { NonEmptyArray } from 'type-graphql';
import type { ReferenceResolvers } from './build-federated-schema';
import type { SubgraphContext } from './context';

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
  /** The department's access policy for every field of this subgraph (policy.ts). */
  policy: SubgraphPolicy;
  createLoaders(em: EntityManager): Loaders;
  /**
   * Plain JSON endpoints for the gateway (e.g. is this case open?), authenticated by the internal token
   * like GraphQL requests, at `/internal/<name>`.
   */
  internalRoutes?: Record<string, (context: SubgraphContext<Loaders>, params: URLSearchParams) => Promise<unknown>>;
}
