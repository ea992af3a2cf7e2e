import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { Discrepancy, DiscrepancyRecord, DiscrepancyReport } from './entities/discrepancy.type';
import { DwellingGrid } from './entities/dwelling-grid.entity';
import { GridWorker } from './entities/grid-worker.entity';
import { Grid } from './entities/grid.entity';
import { Dwelling, Household, Person } from './entities/stubs';
import { Region } from './entities/region.entity';
import { createGridLoaders, type GridLoaders } from './loaders/grid.loaders';
import { migrations } from './migrations';
import { gridPolicy } from './policy';
import { referenceResolvers } from './reference-resolvers';
import { DiscrepancyReportResolver } from './resolvers/discrepancy-report.resolver';
import { DwellingGridResolver } from './resolvers/dwelling.resolver';
import { GridResolver } from './resolvers/grid.resolver';
import { PersonGridResolver } from './resolvers/person.resolver';
import { RegionResolver } from './resolvers/region.resolver';

export const gridSubgraph: SubgraphDefinition<GridLoaders> = {
  ...subgraphIdentity('grid'),
  entities: [Region, Grid, GridWorker, DwellingGrid],
  migrations,
  resolvers: [GridResolver, RegionResolver, DwellingGridResolver, PersonGridResolver, DiscrepancyReportResolver],
  orphanedTypes: [Dwelling, Person, Household, DiscrepancyReport, Discrepancy, DiscrepancyRecord],
  referenceResolvers,
  createLoaders: createGridLoaders,
  policy: gridPolicy,
};
