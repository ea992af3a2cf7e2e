import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { FloatingRegistration } from './entities/floating-registration.entity';
import { InvestigationCase, InvestigationCaseSubject } from './entities/investigation-case.entity';
import { DiscrepancyReport, Grid } from './entities/stubs';
import { KeyPersonRecord } from './entities/key-person-record.entity';
import { Dwelling, Person } from './entities/stubs';
import { RegistrationCorrection } from './entities/registration-correction.entity';
import { Vehicle } from './entities/vehicle.entity';
import { createPublicSecurityLoaders, type PublicSecurityLoaders } from './loaders/public-security.loaders';
import { migrations } from './migrations';
import { publicSecurityPolicy } from './policy';
import { referenceResolvers } from './reference-resolvers';
import { FloatingRegistrationResolver } from './resolvers/floating-registration.resolver';
import { FloatingRegistrationWritesResolver } from './resolvers/floating-registration-writes.resolver';
import { InvestigationCaseResolver } from './resolvers/investigation-case.resolver';
import { investigationCaseStatus } from './resolvers/case-status.route';
import { DiscrepancyReportResolver } from './resolvers/discrepancy-report.resolver';
import { applyGridAssignment } from './resolvers/grid-assignment.route';
import { GridAttentionResolver } from './resolvers/grid.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { RegistrationCorrectionResolver } from './resolvers/registration-correction.resolver';
import { VehicleResolver } from './resolvers/vehicle.resolver';

export const publicSecuritySubgraph: SubgraphDefinition<PublicSecurityLoaders> = {
  ...subgraphIdentity('public-security'),
  entities: [FloatingRegistration, Vehicle, KeyPersonRecord, RegistrationCorrection, InvestigationCase, InvestigationCaseSubject],
  migrations,
  resolvers: [
    PersonResolver,
    FloatingRegistrationResolver,
    VehicleResolver,
    GridAttentionResolver,
    DiscrepancyReportResolver,
    RegistrationCorrectionResolver,
    InvestigationCaseResolver,
    FloatingRegistrationWritesResolver,
  ],
  orphanedTypes: [Person, Dwelling, Grid, DiscrepancyReport],
  referenceResolvers,
  createLoaders: createPublicSecurityLoaders,
  policy: publicSecurityPolicy,
  // The grid center's boundary change reaches public security's copy of the grid (ADR 0020).
  internalRoutes: { case: investigationCaseStatus, 'grid-assignment': applyGridAssignment },
};
