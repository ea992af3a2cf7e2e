import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department, SubgraphPolicy } from '@hub/access';
import type { AuditRecorder } from '@hub/audit';
import type { NonEmptyArray } from 'type-graphql';
import type { ReferenceResolvers } from './build-federated-schema';
import type { SubgraphContext } from './context';

/** What a department's subgraph declares; subgraph-kit turns it into a running, authenticated server. */
export interface SubgraphDefinition<Loaders = unknown> {
  /** kebab-case name, also the database suffix and the supergraph's subgraph name. */
  name: string;
  department: Department;
  defaultPort: number;
  // MikroORM and type-graphql take entity and resolver classes as plain constructors.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: MigrationObject[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  /** The department's access policy for every field of this subgraph (policy.ts). */
  policy: SubgraphPolicy;
  /** Per request; loaders that read someone's data write its access events in the same statement through `audit` (`auditedRows`). */
  createLoaders(em: EntityManager, audit: AuditRecorder): Loaders;
  /**
   * Plain JSON endpoints for the gateway (e.g. is this case open?), authenticated by the internal token
   * like GraphQL requests, at `/internal/<name>`. A GET route reads its query string; a POST route (a peer's write,
   * e.g. `grid-assignment`) also gets its JSON body.
   */
  internalRoutes?: Record<string, (context: SubgraphContext<Loaders>, params: URLSearchParams, body?: unknown) => Promise<unknown>>;
}
