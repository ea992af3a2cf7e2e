import type { SubgraphContext } from '@hub/subgraph-kit';
import type { CivilAffairsLoaders } from '../loaders/civil-affairs.loaders';

export type CivilAffairsContext = SubgraphContext<CivilAffairsLoaders>;
