import type { EntityManager } from '@mikro-orm/postgresql';
import type { OnwardTokens, RequestIdentity } from '@hub/access';
import type { AuditRecorder } from '@hub/audit';

/** Everything a resolver may use for one request: who asks, a forked EntityManager, per-request loaders, the audit. */
export interface SubgraphContext<Loaders = unknown> {
  identity: RequestIdentity;
  em: EntityManager;
  loaders: Loaders;
  /** What this request touched, appended to the access log before the response leaves. */
  audit: AuditRecorder;
  /** Gateway-signed tokens for the rare subgraph that must ask its peers (accessLog, 受理), by peer and route. */
  onwardTokens: OnwardTokens;
  /**
   * The subgraph whose onward token this request came with (`via`), e.g. `grid` for the grid center's call of a peer's
   * `/internal/grid-assignment`; undefined for the gateway's own fetches.
   */
  via?: string;
}
