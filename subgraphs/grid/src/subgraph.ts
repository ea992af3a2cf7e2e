import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { CorrectionRequest, CorrectionRequestStep } from './entities/correction-request.entity';
import { Discrepancy, DiscrepancyRecord, DiscrepancyReport } from './entities/discrepancy';
import { DwellingGrid } from './entities/dwelling-grid.entity';
import { GridWorker } from './entities/grid-worker.entity';
import { Grid } from './entities/grid.entity';
import { Dwelling, Household, Person } from './entities/references';
import { Region } from './entities/region.entity';
import { createGridLoaders, type GridLoaders } from './loaders/grid.loaders';
import { migrations } from './migrations';
import { gridPolicy } from './policy';
import { referenceResolvers } from './references';
import { CorrectionRequestStepResolver, CorrectionResolver, DiscrepancyCorrectionResolver } from './resolvers/correction.resolver';
import { DiscrepancyResolver } from './resolvers/discrepancy.resolver';
import { DwellingGridResolver } from './resolvers/dwelling.resolver';
import { GridResolver } from './resolvers/grid.resolver';
import { PersonGridResolver } from './resolvers/person.resolver';
import { RegionResolver } from './resolvers/region.resolver';

export const gridSubgraph: SubgraphDefinition<GridLoaders> = {
  ...subgraphIdentity('grid'),
  entities: [Region, Grid, GridWorker, DwellingGrid, CorrectionRequest, CorrectionRequestStep],
  migrations,
  resolvers: [GridResolver, RegionResolver, DwellingGridResolver, PersonGridResolver, DiscrepancyResolver, CorrectionResolver, CorrectionRequestStepResolver, DiscrepancyCorrectionResolver],
  orphanedTypes: [Dwelling, Person, Household, DiscrepancyReport, Discrepancy, DiscrepancyRecord],
  referenceResolvers,
  createLoaders: createGridLoaders,
  policy: gridPolicy,
};
