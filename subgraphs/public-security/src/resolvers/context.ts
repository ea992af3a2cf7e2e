import type { SubgraphContext } from '@hub/subgraph-kit';
import type { PublicSecurityLoaders } from '../loaders/public-security.loaders';

export type PublicSecurityContext = SubgraphContext<PublicSecurityLoaders>;
