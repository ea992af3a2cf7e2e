import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestIdentity } from '@hub/access';
import type { AuditRecorder } from '@hub/audit';

/** Everything a resolver may use for one request: who asks, a forked EntityManager, per-request loaders, the audit. */
export interface SubgraphContext<Loaders = unknown> {
  identity: RequestIdentity;
  em: EntityManager;
  loaders: Loaders;
  /** What this request touched, appended to the access log before the response leaves. */
  audit: AuditRecorder;
  /** The gateway-signed token of this request, for the rare subgraph that must ask its peers (accessLog). */
  internalToken: string;
}
