import { CASEWORK_ROLES, STRUCTURE, discrepancyReportScope, forRoles, outcomeFor, row, type Purpose, type Scope, type SubgraphPolicy, everyPurpose } from '@hub/access';
import { ACCESS_LOG_FIELD_POLICY } from '@hub/audit';
import type { ApplicantHousehold } from './entities/applicant-household.type';
import type { Household } from './entities/household.entity';
import type { HouseholdMember } from './entities/person-connection.type';
import type { PersonCorrection } from './entities/person-correction.entity';
import type { Person } from './entities/person.entity';

const NAME = row(
  'person.name',
  { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'C', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'M' },
  'name',
);
const ID_NUMBER = row(
  'person.idNumber',
  { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'M', ACCESS_AUDIT: 'M' },
  'idNumber',
);
const PHONE = row(
  'person.phone',
  { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'C', ACCESS_AUDIT: 'X' },
  'phone',
);
const BASIC = row('person.basic', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The year only wherever the ID number is masked (ACCESS-POLICY.md, masking formats): the date and the number's last
// digits together would give the number back. Same class as the other basic facts in the audit log.
const BIRTH_DATE = row(
  'person.basic',
  { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'M', ACCESS_AUDIT: 'X' },
  'birthYear',
);
const HOUSEHOLD = row('person.household', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
const RESIDENCE = row('person.residence', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// Not in the table: searching residents is a listing of personal data; civil affairs works by case, audit by log.
const RESIDENT_SEARCH = row('person.search', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
const PERSON_LOOKUP = row('person.lookup', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'C',
});
// The household of a 低保 核对: civil affairs' casework only (the case opens exactly that household).
const CHECKED_HOUSEHOLD = row('civil.subsistenceCheck', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
// Not in the table: 低保受理 from the ID number — which household the applicant is registered in, and its grid, so
// civil affairs can open the application (ADR 0010). The id only, not the members; civil affairs only; audited per applicant.
export const APPLICANT_HOUSEHOLD_CLASS = 'civil.applicantHousehold';
const APPLICANT_HOUSEHOLD = row(APPLICANT_HOUSEHOLD_CLASS, {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
// Not in the table: a grid's households are a listing of household data (Household.members' row, less civil affairs, which works by case).
const GRID_HOUSEHOLDS = row('person.householdList', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// Not in the table: aggregate counts of a grid (the grid summary). Every purpose that may list the grid's residents
// gets them; a count below 5 is "<5" unless the purpose is also allowed the underlying records (see reportedCount).
const GRID_STATISTICS = row('population.statistics', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The grid center's discrepancy report: what population states and decides for it (internal, @inaccessible); each
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

/** The records behind the resident counts: the grid's residents (listing) and their population type. */
export const RESIDENT_COUNT_UNDERLYING = [RESIDENT_SEARCH, BASIC];
/** The records behind the count of 80+ living alone: the residents, their birth dates and their households. */
export const ELDERLY_ALONE_UNDERLYING = [RESIDENT_SEARCH, BASIC, HOUSEHOLD];

// Not in the table: 纠错回流 — population corrects its own person record under its own administration purpose only;
// what it returns is that correction (the record's before and after).
export const PERSON_CORRECTION_CLASS = 'person.correction';
const PERSON_CORRECTION = row(PERSON_CORRECTION_CLASS, {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});

// Not in the table: population's own registration writes (出生, 迁移, 户口迁移, 死亡; issue #14), under its administration purpose only.
export const PERSON_REGISTRATION_CLASS = 'person.registration';
const PERSON_REGISTRATION = row(PERSON_REGISTRATION_CLASS, { ...everyPurpose('X'), POPULATION_ADMINISTRATION: 'C' });

/**
 * Not a field: `/internal/grid-assignment`, where population's copies of a dwelling's grid (`household.grid_code`,
 * `person.residence_grid_code`) follow the grid center's boundary change (网格划分调整, ADR 0020). Only the grid
 * subgraph's call for `assignDwellingsToGrid`, for the grid center's supervisor under grid service.
 */
export const RESIDENCE_GRID_COPY = forRoles(row('person.residenceGridCopy', { ...everyPurpose('X'), GRID_SERVICE: 'C' }), ['SUPERVISOR']);

/** 人口's policy: every field of the population subgraph. */
/** Where a person lives and which household they belong to: their jurisdiction and 低保-case scope. */
export function personScope(person: Person): Scope {
  return { gridCode: person.residenceGridCode, householdId: person.householdId };
}

/**
 * A purpose that sees ID numbers masked must not learn them by guessing: its look-ups by full ID number are budgeted
 * per user and each one is logged, a miss too (issue #16).
 */
export function seesIdNumbersMasked(purpose: Purpose): boolean {
  return outcomeFor(ID_NUMBER, purpose) === 'MASKED';
}

export const populationPolicy: SubgraphPolicy = {
  fields: {
    // accessLog and accessLogIntegrity: @hub/audit's fields, hosted here (AUDIT only).
    ...ACCESS_LOG_FIELD_POLICY,
    'Query.person': PERSON_LOOKUP,
    'Mutation.recordMoveOut': forRoles(PERSON_CORRECTION, CASEWORK_ROLES),
    'Mutation.recordMove': forRoles(PERSON_REGISTRATION, CASEWORK_ROLES),
    'Mutation.recordDeath': forRoles(PERSON_REGISTRATION, CASEWORK_ROLES),
    'Mutation.registerBirth': forRoles(PERSON_REGISTRATION, CASEWORK_ROLES),
    'Mutation.changeHousehold': forRoles(PERSON_REGISTRATION, CASEWORK_ROLES),
    'PersonCorrection.id': STRUCTURE,
    'PersonCorrection.*': PERSON_CORRECTION,
    // A search lists residents: the staff who serve them (a grid worker, their own grid), not an auditor.
    'Query.people': forRoles(RESIDENT_SEARCH, ['OFFICER', 'SUPERVISOR', 'GRID_WORKER']),
    'Query.household': HOUSEHOLD,
    'Query.applicantHousehold': APPLICANT_HOUSEHOLD,
    'ApplicantHousehold.*': APPLICANT_HOUSEHOLD,
    'Person.id': STRUCTURE,
    'Person.accessScope': STRUCTURE,
    // The record's version only: a count of its changes, for the writes' optimistic lock.
    'Person.version': STRUCTURE,
    'Person.name': NAME,
    'Person.idNumber': ID_NUMBER,
    'Person.phone': PHONE,
    'Person.gender': BASIC,
    'Person.birthDate': BIRTH_DATE,
    'Person.populationType': BASIC,
    'Person.ethnicity': BASIC,
    'Person.hukouRegionCode': BASIC,
    'Person.deathDate': BASIC,
    'Person.residenceSince': BASIC,
    'Person.household': HOUSEHOLD,
    'Person.residence': RESIDENCE,
    'Household.id': STRUCTURE,
    'Household.householdNumber': HOUSEHOLD,
    'Household.hukouRegionCode': HOUSEHOLD,
    'Household.members': HOUSEHOLD,
    'HouseholdMember.*': HOUSEHOLD,
    'Grid.code': STRUCTURE,
    'Grid.residents': RESIDENT_SEARCH,
    'Grid.households': GRID_HOUSEHOLDS,
    'Grid.residentCount': GRID_STATISTICS,
    'Grid.floatingCount': GRID_STATISTICS,
    'Grid.elderlyLivingAloneCount': GRID_STATISTICS,
    'HouseholdConnection.*': STRUCTURE,
    'DiscrepancyReport.id': STRUCTURE,
    'DiscrepancyReport.*': DISCREPANCIES,
    'Dwelling.id': STRUCTURE,
    'PersonConnection.*': STRUCTURE,
    'PageInfo.*': STRUCTURE,
    'SubsistenceCheck.id': STRUCTURE,
    'SubsistenceCheck.householdId': STRUCTURE,
    'SubsistenceCheck.household': CHECKED_HOUSEHOLD,
  },
  subjects: {
    Person: (person: Person) => person.id,
    HouseholdMember: (member: HouseholdMember) => member.person?.id,
    ApplicantHousehold: (answer: ApplicantHousehold) => answer.personId,
    PersonCorrection: (correction: PersonCorrection) => correction.personId,
  },
  scopes: {
    Person: personScope,
    Household: (household: Household) => ({ gridCode: household.gridCode, householdId: household.id }),
    Grid: (grid: { code: string }) => ({ gridCode: grid.code }),
    DiscrepancyReport: discrepancyReportScope,
  },
};
