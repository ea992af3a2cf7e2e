import type { SubgraphContext } from '@hub/subgraph-kit';
import type { GridLoaders } from '../loaders/grid.loaders';

export type GridContext = SubgraphContext<GridLoaders>;
