import type { SubgraphContext } from '@hub/subgraph-kit';
import type { HousingLoaders } from '../loaders/housing.loaders';

export type HousingContext = SubgraphContext<HousingLoaders>;
