import type { SubgraphContext } from '@hub/subgraph-kit';
import type { PopulationLoaders } from '../loaders/population.loaders';

export type PopulationContext = SubgraphContext<PopulationLoaders>;
