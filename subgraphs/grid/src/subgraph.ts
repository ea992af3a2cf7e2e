import { GridWorkerResolver } from './resolvers/grid-worker.resolver';
import { GridBoundaryResolver } from './resolvers/grid-boundary.resolver';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { CorrectionRequest, CorrectionRequestStep } from './entities/correction-request.entity';
import { Discrepancy, DiscrepancyRecord, DiscrepancyReport } from './entities/discrepancy.type';
import { DwellingGrid } from './entities/dwelling-grid.entity';
import { EventCategory } from './entities/event-category.entity';
import { GridEventAttachment } from './entities/grid-event-attachment.entity';
import { GridEventStepRow } from './entities/grid-event-step.entity';
import { GridEvent } from './entities/grid-event.entity';
import { GridWorker } from './entities/grid-worker.entity';
import { Grid } from './entities/grid.entity';
import { Dwelling, Household, Person } from './entities/stubs';
import { Region } from './entities/region.entity';
import { createGridLoaders, type GridLoaders } from './loaders/grid.loaders';
import { migrations } from './migrations';
import { gridPolicy } from './policy';
import { referenceResolvers } from './reference-resolvers';
import { CorrectionRequestStepResolver, CorrectionResolver, DiscrepancyCorrectionResolver } from './resolvers/correction.resolver';
import { DiscrepancyReportResolver } from './resolvers/discrepancy-report.resolver';
import { DwellingGridResolver } from './resolvers/dwelling.resolver';
import { GridEventAttachmentResolver } from './resolvers/grid-event-attachment.resolver';
import { GridEventStatisticsResolver } from './resolvers/grid-event-statistics.resolver';
import { GridEventResolver } from './resolvers/grid-event.resolver';
import { GridResolver } from './resolvers/grid.resolver';
import { PersonGridResolver } from './resolvers/person.resolver';
import { RegionResolver } from './resolvers/region.resolver';

export const gridSubgraph: SubgraphDefinition<GridLoaders> = {
  ...subgraphIdentity('grid'),
  entities: [Region, Grid, GridWorker, DwellingGrid, EventCategory, GridEvent, GridEventStepRow, GridEventAttachment, CorrectionRequest, CorrectionRequestStep],
  migrations,
  resolvers: [
    GridResolver,
    GridWorkerResolver,
    GridBoundaryResolver,
    RegionResolver,
    DwellingGridResolver,
    PersonGridResolver,
    DiscrepancyReportResolver,
    GridEventResolver,
    GridEventStatisticsResolver,
    GridEventAttachmentResolver,
    CorrectionResolver,
    CorrectionRequestStepResolver,
    DiscrepancyCorrectionResolver,
  ],
  orphanedTypes: [Dwelling, Person, Household, DiscrepancyReport, Discrepancy, DiscrepancyRecord],
  referenceResolvers,
  createLoaders: createGridLoaders,
  policy: gridPolicy,
};
