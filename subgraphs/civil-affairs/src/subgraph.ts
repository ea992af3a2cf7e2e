import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { AssistanceApplication } from './entities/assistance-application.entity';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { DisabilityCertificate } from './entities/disability-certificate.entity';
import { IncomeDeclaration } from './entities/income-declaration.entity';
import { DiscrepancyReport, Grid } from './entities/stubs';
import { Household, Person } from './entities/stubs';
import { SubsistenceCheckReport } from './entities/subsistence-check-report.entity';
import { SubsistenceStandard } from './entities/subsistence-standard.entity';
import { createCivilAffairsLoaders, type CivilAffairsLoaders } from './loaders/civil-affairs.loaders';
import { migrations } from './migrations';
import { civilAffairsPolicy } from './policy';
import { caseStatus, caseStatuses } from './resolvers/case-status.route';
import { AssistanceRecordResolver } from './resolvers/assistance-record.resolver';
import { referenceResolvers } from './reference-resolvers';
import { AssistanceApplicationResolver } from './resolvers/assistance-application.resolver';
import { DiscrepancyReportResolver } from './resolvers/discrepancy-report.resolver';
import { GridAssistanceResolver } from './resolvers/grid.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { SubsistenceResolver } from './resolvers/subsistence.resolver';

export const civilAffairsSubgraph: SubgraphDefinition<CivilAffairsLoaders> = {
  ...subgraphIdentity('civil-affairs'),
  entities: [AssistanceRecord, DisabilityCertificate, IncomeDeclaration, AssistanceApplication, SubsistenceStandard, SubsistenceCheckReport],
  migrations,
  resolvers: [PersonResolver, AssistanceApplicationResolver, AssistanceRecordResolver, SubsistenceResolver, GridAssistanceResolver, DiscrepancyReportResolver],
  orphanedTypes: [Person, Household, Grid, DiscrepancyReport],
  referenceResolvers,
  createLoaders: createCivilAffairsLoaders,
  policy: civilAffairsPolicy,
  internalRoutes: { case: caseStatus, cases: caseStatuses },
};
