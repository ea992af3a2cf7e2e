import type { PolicyCells } from '@hub/access';

/**
 * The table of ACCESS-POLICY.md v1, cell for cell, as the requirement the departments' `policy.ts` files must
 * implement. Each row names every purpose (a column of the table): C clear, M masked, X denied. Rows naming several fields are spelled out field by field.
 * Fields not in the table follow "the closest row of the same owner and sensitivity" in each policy.ts.
 */
export const ACCESS_POLICY_V1: Readonly<Record<string, { owner: string; cells: PolicyCells }>> = {
  'Person.name': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'M' },
  },
  'Person.idNumber': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'M', ACCESS_AUDIT: 'M' },
  },
  'Person.phone': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.gender': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  // The table's row says CLEAR; its masking formats say "wherever the ID number is MASKED, birthDate is year only".
  'Person.birthDate': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'M', ACCESS_AUDIT: 'X' },
  },
  'Person.populationType': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.household': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Household.members': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  // "Person.residence (dwelling + address)": the reference in population, the address in housing.
  'Person.residence': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Dwelling.address': {
    owner: 'housing',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.ownedDwellings': {
    owner: 'housing',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'X', ACCESS_AUDIT: 'X' },
  },
  'Person.ownedDwellingCount': {
    owner: 'housing',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Dwelling.tenancies': {
    owner: 'housing',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.assistance': {
    owner: 'civil-affairs',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'X', GRID_SERVICE: 'X', ACCESS_AUDIT: 'X' },
  },
  'Person.receivesAssistance': {
    owner: 'civil-affairs',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'X', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.disability': {
    owner: 'civil-affairs',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'X', GRID_SERVICE: 'X', ACCESS_AUDIT: 'X' },
  },
  'Person.hasDisability': {
    owner: 'civil-affairs',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'X', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.vehicles': {
    owner: 'public-security',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'X', ACCESS_AUDIT: 'X' },
  },
  'Person.nonExemptVehicleCount': {
    owner: 'public-security',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'X', ACCESS_AUDIT: 'X' },
  },
  'Person.floatingRegistration': {
    owner: 'public-security',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.keyPerson': {
    owner: 'public-security',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'X', ACCESS_AUDIT: 'X' },
  },
  'Person.needsAttention': {
    owner: 'public-security',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Person.grid': {
    owner: 'grid',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  'Dwelling.grid': {
    owner: 'grid',
    cells: { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  },
  // "access log (who looked at whom) [every subgraph]": served by population's accessLog.
  'Query.accessLog': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'X', GRID_SERVICE: 'X', ACCESS_AUDIT: 'C' },
  },
  // Not a row of the table: whether each department's log is intact (no personal data) — the auditors' business, as the log is.
  'Query.accessLogIntegrity': {
    owner: 'population',
    cells: { POPULATION_ADMINISTRATION: 'X', HOUSING_ADMINISTRATION: 'X', SUBSISTENCE_REVIEW: 'X', FLOATING_POPULATION_MANAGEMENT: 'X', CASE_INVESTIGATION: 'X', GRID_SERVICE: 'X', ACCESS_AUDIT: 'C' },
  },
};
