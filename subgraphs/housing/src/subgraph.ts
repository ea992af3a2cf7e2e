import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { DiscrepancyReport } from './entities/stubs';
import { Dwelling } from './entities/dwelling.entity';
import { Ownership } from './entities/ownership.entity';
import { Person } from './entities/stubs';
import { TenancyCorrection } from './entities/tenancy-correction.entity';
import { Tenancy } from './entities/tenancy.entity';
import { createHousingLoaders, type HousingLoaders } from './loaders/housing.loaders';
import { migrations } from './migrations';
import { housingPolicy } from './policy';
import { referenceResolvers } from './reference-resolvers';
import { DiscrepancyReportResolver } from './resolvers/discrepancy-report.resolver';
import { DwellingResolver } from './resolvers/dwelling.resolver';
import { DwellingRegistrationResolver } from './resolvers/dwelling-registration.resolver';
import { applyGridAssignment } from './resolvers/grid-assignment.route';
import { OwnershipResolver } from './resolvers/ownership.resolver';
import { PersonHousingResolver } from './resolvers/person.resolver';
import { OwnershipTransferResolver } from './resolvers/ownership-transfer.resolver';
import { TenancyRegistrationResolver } from './resolvers/tenancy-registration.resolver';
import { TenancyCorrectionResolver } from './resolvers/tenancy-correction.resolver';
import { TenancyResolver } from './resolvers/tenancy.resolver';

export const housingSubgraph: SubgraphDefinition<HousingLoaders> = {
  ...subgraphIdentity('housing'),
  entities: [Dwelling, Ownership, Tenancy, TenancyCorrection],
  migrations,
  resolvers: [
    DwellingResolver,
    OwnershipResolver,
    TenancyResolver,
    PersonHousingResolver,
    DiscrepancyReportResolver,
    TenancyCorrectionResolver,
    TenancyRegistrationResolver,
    OwnershipTransferResolver,
    DwellingRegistrationResolver,
  ],
  orphanedTypes: [Person, DiscrepancyReport],
  referenceResolvers,
  createLoaders: createHousingLoaders,
  policy: housingPolicy,
  // The grid center's boundary change reaches housing's copy of the grid (ADR 0020).
  internalRoutes: { 'grid-assignment': applyGridAssignment },
};
