import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestIdentity } from '@hub/access';

/** Everything a resolver may use for one request: who asks, a forked EntityManager and per-request loaders. */
export interface SubgraphContext<Loaders = unknown> {
  identity: RequestIdentity;
  em: EntityManager;
  loaders: Loaders;
}
