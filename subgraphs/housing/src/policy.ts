import { CASEWORK_ROLES, forRoles, STRUCTURE, discrepancyReportScope, parseAccessScope, row, type SubgraphPolicy, everyPurpose } from '@hub/access';
import type { Dwelling } from './entities/dwelling.entity';
import type { Ownership } from './entities/ownership.entity';
import type { Person } from './entities/stubs';
import type { Tenancy } from './entities/tenancy.entity';

const DWELLING = row('person.residence', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // Person.residence (dwelling + address)
const OWNERSHIP = row('housing.ownership', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
}); // Person.ownedDwellings
const OWNED_COUNT = row('housing.ownedDwellingCount', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // derived
const TENANCY = row('housing.tenancy', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // Dwelling.tenancies (tenant, landlord)
// Not in the table: looking a dwelling up directly; a 低保 case reaches dwellings only through its members.
const DWELLING_LOOKUP = row('housing.dwellingLookup', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The grid center's discrepancy report: what housing states and decides for it (internal, @inaccessible); each
// kind is further limited to the purposes of @hub/access DISCREPANCY_KINDS.
const DISCREPANCIES = row('grid.discrepancies', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});

// Not in the table: 纠错回流 — housing corrects its own tenancy under its own administration purpose only.
export const TENANCY_CORRECTION_CLASS = 'housing.tenancy.correction';
const TENANCY_CORRECTION = row(TENANCY_CORRECTION_CLASS, {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});

// Not in the table: housing records its own tenancies (出租登记; issue #14) under its administration purpose only.
export const TENANCY_WRITE_CLASS = 'housing.tenancy.write';
const TENANCY_WRITE = row(TENANCY_WRITE_CLASS, { ...everyPurpose('X'), HOUSING_ADMINISTRATION: 'C' });

// Not in the table: housing registers a change of owners (产权转移; issue #14) under its administration purpose only.
export const OWNERSHIP_WRITE_CLASS = 'housing.ownership.write';
const OWNERSHIP_WRITE = row(OWNERSHIP_WRITE_CLASS, { ...everyPurpose('X'), HOUSING_ADMINISTRATION: 'C' });

// Not in the table: housing registers its own dwellings (实有房屋登记; issue #14) under its administration purpose only.
export const DWELLING_WRITE_CLASS = 'housing.dwelling.write';
const DWELLING_WRITE = row(DWELLING_WRITE_CLASS, { ...everyPurpose('X'), HOUSING_ADMINISTRATION: 'C' });

/**
 * Not a field: `/internal/grid-assignment`, where housing's copy of a dwelling's grid follows the grid center's
 * boundary change (网格划分调整, ADR 0020). Only the grid subgraph's call for `assignDwellingsToGrid`, for the grid
 * center's supervisor under grid service; housing writes its own `dwelling.grid_code`, nothing else.
 */
export const DWELLING_GRID_COPY = forRoles(row('housing.dwelling.gridCopy', { ...everyPurpose('X'), GRID_SERVICE: 'C' }), ['SUPERVISOR']);

/** 房屋's policy: every field of the housing subgraph. */
export const housingPolicy: SubgraphPolicy = {
  fields: {
    'Query.dwelling': DWELLING_LOOKUP,
    'Mutation.endTenancy': forRoles(TENANCY_CORRECTION, CASEWORK_ROLES),
    'Mutation.recordTenancy': forRoles(TENANCY_WRITE, CASEWORK_ROLES),
    'Mutation.recordOwnershipTransfer': forRoles(OWNERSHIP_WRITE, CASEWORK_ROLES),
    'Mutation.registerDwelling': forRoles(DWELLING_WRITE, CASEWORK_ROLES),
    // The owners a transfer names, as the ownership records are seen (housing.ownership).
    'OwnershipTransfer.dwellingId': STRUCTURE,
    'OwnershipTransfer.owners': OWNERSHIP_WRITE,
    'Person.id': STRUCTURE,
    'Person.accessScope': STRUCTURE,
    'Person.ownedDwellings': OWNERSHIP,
    'Person.ownedDwellingCount': OWNED_COUNT,
    'Person.tenancies': TENANCY,
    'Dwelling.id': STRUCTURE,
    // The record's version only: a count of its changes, for the writes' optimistic lock.
    'Dwelling.version': STRUCTURE,
    'Dwelling.address': DWELLING,
    'Dwelling.addressCode': DWELLING,
    'Dwelling.area': DWELLING,
    'Dwelling.use': DWELLING,
    'Dwelling.regionCode': DWELLING,
    'Dwelling.owners': OWNERSHIP,
    'Dwelling.tenancies': TENANCY,
    'Ownership.*': OWNERSHIP,
    'Tenancy.*': TENANCY,
    'DiscrepancyReport.id': STRUCTURE,
    'DiscrepancyReport.*': DISCREPANCIES,
  },
  subjects: {
    Person: (person: Person) => person.id,
    Ownership: (ownership: Ownership) => ownership.ownerPersonId,
    Tenancy: (tenancy: Tenancy) => tenancy.tenantPersonId,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    // A dwelling registered but not yet placed in a grid is within the jurisdiction of its community.
    Dwelling: (dwelling: Dwelling) => (dwelling.gridCode === undefined ? undefined : { gridCode: dwelling.gridCode ?? dwelling.regionCode ?? null }),
    DiscrepancyReport: discrepancyReportScope,
  },
};
