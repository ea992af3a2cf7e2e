import { accessLogPeers, accessLogResolver, type SubjectScope } from '@hub/audit';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { subgraphIdentity } from '@hub/topology';
import { Household } from './entities/household.entity';
import { PersonCorrection } from './entities/person-correction.entity';
import { Person } from './entities/person.entity';
import { DiscrepancyReport, Dwelling, Grid } from './entities/stubs';
import { SubsistenceCheck } from './entities/stubs';
import { createPopulationLoaders, type PopulationLoaders } from './loaders/population.loaders';
import { migrations } from './migrations';
import { populationPolicy } from './policy';
import { referenceResolvers } from './reference-resolvers';
import { ApplicantHouseholdResolver } from './resolvers/applicant-household.resolver';
import { DiscrepancyReportResolver } from './resolvers/discrepancy-report.resolver';
import { GridResidentsResolver } from './resolvers/grid-residents.resolver';
import { applyGridAssignment } from './resolvers/grid-assignment.route';
import { HouseholdResolver } from './resolvers/household.resolver';
import { PersonCorrectionResolver } from './resolvers/person-correction.resolver';
import { PersonRegistrationResolver } from './resolvers/person-registration.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { SubsistenceCheckResolver } from './resolvers/subsistence-check.resolver';

/**
 * Where the subject of an access log lives, for the auditor's jurisdiction (an auditor of a street reads the logs of
 * that street's residents). Not an audited read: the access-log resolver logs the look under the subject itself.
 */
const residentScope: SubjectScope = async (connection, subject) => {
  const { rows } = await connection.getKnex().raw('select residence_grid_code, household_id from person where id = ?', [subject]);
  const [row] = rows as Array<{ residence_grid_code: string | null; household_id: string | null }>;
  return row ? { gridCode: row.residence_grid_code, householdId: row.household_id } : null;
};

export const populationSubgraph: SubgraphDefinition<PopulationLoaders> = {
  ...subgraphIdentity('population'),
  entities: [Person, Household, PersonCorrection],
  migrations,
  resolvers: [
    PersonResolver,
    PersonRegistrationResolver,
    accessLogResolver('population', accessLogPeers('population'), residentScope),
    ApplicantHouseholdResolver,
    HouseholdResolver,
    GridResidentsResolver,
    SubsistenceCheckResolver,
    DiscrepancyReportResolver,
    PersonCorrectionResolver,
  ],
  orphanedTypes: [Dwelling, Grid, SubsistenceCheck, DiscrepancyReport],
  referenceResolvers,
  createLoaders: createPopulationLoaders,
  policy: populationPolicy,
  // The grid center's boundary change reaches population's copies of the grid (ADR 0020).
  internalRoutes: { 'grid-assignment': applyGridAssignment },
};
