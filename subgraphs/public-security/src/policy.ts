import { CASEWORK_ROLES, STRUCTURE, discrepancyReportScope, forRoles, parseAccessScope, row, type SubgraphPolicy, everyPurpose } from '@hub/access';
import type { FloatingRegistration } from './entities/floating-registration.entity';
import type { InvestigationCase } from './entities/investigation-case.entity';
import type { KeyPersonRecord } from './entities/key-person-record.entity';
import type { Person } from './entities/stubs';
import type { Vehicle } from './entities/vehicle.entity';

const FLOATING = row('ps.floatingRegistration', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
const VEHICLES = row('ps.vehicles', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
const NON_EXEMPT_VEHICLE_COUNT = row('ps.nonExemptVehicleCount', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
}); // derived
const KEY_PERSON = row('ps.keyPerson', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
// Not in the table: the 房东 a registration records is a tenancy fact on a floating registration, so it gets the
// stricter of Person.floatingRegistration (C X X C C C X) and Dwelling.tenancies (tenant, landlord) (X C X C C C X).
export const REGISTRATION_LANDLORD = row('ps.floatingRegistration.landlord', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
export const NEEDS_ATTENTION = row('ps.needsAttention', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // derived
// Not in the table: the grid summary's count of key persons; a count below 5 is "<5" unless the purpose may see
// Person.needsAttention (reportedCount). Civil affairs works by case, audit by log.
const GRID_STATISTICS = row('ps.statistics', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The grid center's discrepancy report: what public security states and decides for it (internal, @inaccessible);
// each kind is further limited to the purposes of @hub/access DISCREPANCY_KINDS.
const DISCREPANCIES = row('grid.discrepancies', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});

// Not in the table: 纠错回流 — public security corrects its own registration under its own administration purpose only
// (never a case investigation, never another department).
export const REGISTRATION_CORRECTION_CLASS = 'ps.floatingRegistration.correction';
const REGISTRATION_CORRECTION = row(REGISTRATION_CORRECTION_CLASS, {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});

// Not in the table: public security keeps its registrations current (登记, 签注/换领, 注销; issue #14) under its own
// administration purpose only, as its officers and supervisors.
export const FLOATING_REGISTRATION_WRITE_CLASS = 'ps.floatingRegistration.write';
const FLOATING_REGISTRATION_WRITE = row(FLOATING_REGISTRATION_WRITE_CLASS, { ...everyPurpose('X'), FLOATING_POPULATION_MANAGEMENT: 'C' });

/**
 * Not a field: `/internal/grid-assignment`, where public security's copy of a dwelling's grid (an ACTIVE registration's
 * `floating_registration.grid_code`) follows the grid center's boundary change (网格划分调整, ADR 0020). Only the grid
 * subgraph's call for `assignDwellingsToGrid`, for the grid center's supervisor under grid service; public security
 * writes its own registrations' grid, nothing else.
 */
export const REGISTRATION_GRID_COPY = forRoles(row('ps.floatingRegistration.gridCopy', { ...everyPurpose('X'), GRID_SERVICE: 'C' }), ['SUPERVISOR']);

// Not in the table: 案件登记 — the register of police cases is casework of case investigation alone: its officers and
// supervisors open, list and close cases there (no case needed to do so), and no other purpose sees it.
export const INVESTIGATION_CASE_CLASS = 'ps.investigationCase';
const INVESTIGATION_CASE = row(INVESTIGATION_CASE_CLASS, { ...everyPurpose('X'), CASE_INVESTIGATION: 'C' });

/** 公安's policy: every field of the public-security subgraph. */
export const publicSecurityPolicy: SubgraphPolicy = {
  fields: {
    // The list of the floating population is the police's casework; a record reached from a person follows the purpose's row.
    'Query.floatingPopulation': forRoles(FLOATING, CASEWORK_ROLES),
    'Mutation.correctFloatingRegistrationDwelling': forRoles(REGISTRATION_CORRECTION, CASEWORK_ROLES),
    'Mutation.registerFloatingResident': forRoles(FLOATING_REGISTRATION_WRITE, CASEWORK_ROLES),
    'Mutation.renewResidencePermit': forRoles(FLOATING_REGISTRATION_WRITE, CASEWORK_ROLES),
    'Mutation.cancelFloatingRegistration': forRoles(FLOATING_REGISTRATION_WRITE, CASEWORK_ROLES),
    'Query.investigationCases': forRoles(INVESTIGATION_CASE, CASEWORK_ROLES),
    'Query.investigationCase': forRoles(INVESTIGATION_CASE, CASEWORK_ROLES),
    'Mutation.openInvestigationCase': forRoles(INVESTIGATION_CASE, CASEWORK_ROLES),
    'Mutation.closeInvestigationCase': forRoles(INVESTIGATION_CASE, CASEWORK_ROLES),
    'InvestigationCase.*': INVESTIGATION_CASE,
    'InvestigationCaseConnection.*': STRUCTURE,
    'Person.id': STRUCTURE,
    'Person.accessScope': STRUCTURE,
    'Person.floatingRegistration': FLOATING,
    'Person.vehicles': VEHICLES,
    'Person.nonExemptVehicleCount': NON_EXEMPT_VEHICLE_COUNT,
    'Person.keyPerson': KEY_PERSON,
    'Person.needsAttention': NEEDS_ATTENTION,
    'FloatingRegistration.*': FLOATING,
    'FloatingRegistration.landlord': REGISTRATION_LANDLORD,
    'Vehicle.*': VEHICLES,
    'KeyPersonRecord.*': KEY_PERSON,
    'FloatingPopulationConnection.*': STRUCTURE,
    'Dwelling.id': STRUCTURE,
    'PageInfo.*': STRUCTURE,
    'Grid.code': STRUCTURE,
    'Grid.needsAttentionCount': GRID_STATISTICS,
    'DiscrepancyReport.id': STRUCTURE,
    'DiscrepancyReport.*': DISCREPANCIES,
  },
  subjects: {
    Person: (person: Person) => person.id,
    FloatingRegistration: (registration: FloatingRegistration) => registration.personId,
    Vehicle: (vehicle: Vehicle) => vehicle.ownerPersonId,
    KeyPersonRecord: (record: KeyPersonRecord) => record.personId,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    Grid: (grid: { code: string }) => ({ gridCode: grid.code }),
    // A case's region is its scope: another office's case is OUT_OF_JURISDICTION, as its records would be.
    InvestigationCase: (found: InvestigationCase) => ({ gridCode: found.jurisdiction }),
    DiscrepancyReport: discrepancyReportScope,
  },
};
