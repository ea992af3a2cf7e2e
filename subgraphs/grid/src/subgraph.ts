import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { Discrepancy, DiscrepancyRecord, DiscrepancyReport } from './entities/discrepancy';
import { DwellingGrid } from './entities/dwelling-grid.entity';
import { EventCategory } from './entities/event-category.entity';
import { GridEventAttachment } from './entities/grid-event-attachment.entity';
import { GridEventStepRow } from './entities/grid-event-step.entity';
import { GridEvent } from './entities/grid-event.entity';
import { GridWorker } from './entities/grid-worker.entity';
import { Grid } from './entities/grid.entity';
import { Dwelling, Household, Person } from './entities/references';
import { Region } from './entities/region.entity';
import { createGridLoaders, type GridLoaders } from './loaders/grid.loaders';
import { migrations } from './migrations';
import { gridPolicy } from './policy';
import { referenceResolvers } from './references';
import { DiscrepancyResolver } from './resolvers/discrepancy.resolver';
import { DwellingGridResolver } from './resolvers/dwelling.resolver';
import { GridEventAttachmentResolver } from './resolvers/grid-event-attachment.resolver';
import { GridEventStatisticsResolver } from './resolvers/grid-event-statistics.resolver';
import { GridEventResolver } from './resolvers/grid-event.resolver';
import { GridResolver } from './resolvers/grid.resolver';
import { PersonGridResolver } from './resolvers/person.resolver';
import { RegionResolver } from './resolvers/region.resolver';

export const gridSubgraph: SubgraphDefinition<GridLoaders> = {
  ...subgraphIdentity('grid'),
  entities: [Region, Grid, GridWorker, DwellingGrid, EventCategory, GridEvent, GridEventStepRow, GridEventAttachment],
  migrations,
  resolvers: [GridResolver, RegionResolver, DwellingGridResolver, PersonGridResolver, DiscrepancyResolver, GridEventResolver, GridEventStatisticsResolver, GridEventAttachmentResolver],
  orphanedTypes: [Dwelling, Person, Household, DiscrepancyReport, Discrepancy, DiscrepancyRecord],
  referenceResolvers,
  createLoaders: createGridLoaders,
  policy: gridPolicy,
};
