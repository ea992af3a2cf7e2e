import { CASEWORK_ROLES, NO_ONES_DATA, STRUCTURE, discrepancyReportScope, forRoles, parseAccessScope, row, type Role, type SubgraphPolicy, everyPurpose } from '@hub/access';
import type { AssistanceApplication } from './entities/assistance-application.entity';
import type { AssistanceRecord } from './entities/assistance-record.entity';
import type { DisabilityCertificate } from './entities/disability-certificate.entity';
import type { IncomeDeclaration } from './entities/income-declaration.entity';
import type { Person } from './entities/stubs';
import type { SubsistenceCheck } from './entities/subsistence-check.type';

const ASSISTANCE = row('civil.assistance', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
export const RECEIVES_ASSISTANCE = row('civil.receivesAssistance', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // derived
const DISABILITY = row('civil.disability', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
const HAS_DISABILITY = row('civil.hasDisability', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // derived
// Not in the table, closest rows: income is assistance-grade data; applications and checks are civil affairs' own casework.
const INCOME = row('civil.income', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
export const APPLICATION_CLASS = 'civil.application';
const APPLICATION = row(APPLICATION_CLASS, {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
const CHECK = row('civil.subsistenceCheck', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
// Not in the table: the grid summary's count of recipients; a count below 5 is "<5" unless the purpose may see
// Person.receivesAssistance (reportedCount). Civil affairs works by case, audit by log.
const GRID_STATISTICS = row('civil.statistics', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The grid center's discrepancy report: what civil affairs states and decides for it (internal, @inaccessible); each
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

/** 审批: only a supervisor approves an application (the step APPROVED of recordApplicationStep); officers record the rest. */
export const APPROVAL_ROLES: readonly Role[] = ['SUPERVISOR'];

// Not in the table: civil affairs ends a benefit (终止救助; issue #14) under the household's 低保 case, as casework.
export const ASSISTANCE_WRITE_CLASS = 'civil.assistance.write';
const ASSISTANCE_WRITE = row(ASSISTANCE_WRITE_CLASS, { ...everyPurpose('X'), SUBSISTENCE_REVIEW: 'C' });

/** 民政's policy: every field of the civil-affairs subgraph. */
export const civilAffairsPolicy: SubgraphPolicy = {
  fields: {
    // Lists and the batch 复核 are casework; one application, under its own case, follows the purpose's row alone.
    'Query.assistanceApplications': forRoles(APPLICATION, CASEWORK_ROLES),
    'Query.assistanceApplication': APPLICATION,
    'Query.subsistenceCheck': CHECK,
    'Query.subsistenceChecks': forRoles(CHECK, CASEWORK_ROLES),
    'Query.subsistenceStandards': STRUCTURE, // published local standards, not personal data
    'Mutation.openAssistanceApplication': forRoles(APPLICATION, CASEWORK_ROLES),
    'Mutation.recordApplicationStep': forRoles(APPLICATION, CASEWORK_ROLES),
    'Mutation.endAssistance': forRoles(ASSISTANCE_WRITE, CASEWORK_ROLES),
    'Person.id': STRUCTURE,
    'Person.accessScope': STRUCTURE,
    'Person.assistance': ASSISTANCE,
    'Person.receivesAssistance': RECEIVES_ASSISTANCE,
    'Person.disability': DISABILITY,
    'Person.hasDisability': HAS_DISABILITY,
    'Person.incomeDeclarations': INCOME,
    'AssistanceRecord.*': ASSISTANCE,
    'DisabilityCertificate.*': DISABILITY,
    'IncomeDeclaration.*': INCOME,
    'AssistanceApplication.*': APPLICATION,
    // The 授权书's number, date and scan digest: part of the application's file, seen as the application is.
    'AuthorizationEvidence.*': APPLICATION,
    'AssistanceApplicationConnection.*': STRUCTURE,
    'SubsistenceCheck.*': CHECK,
    'CheckFactProvenance.*': CHECK,
    'CheckReport.*': CHECK,
    // Other departments' facts a 核对 requires: external here, never resolved by civil affairs; their owners' policies decide.
    'Person.deathDate': STRUCTURE,
    'Person.ownedDwellings': STRUCTURE,
    'Person.nonExemptVehicleCount': STRUCTURE,
    'Household.members': STRUCTURE,
    'HouseholdMember.*': STRUCTURE,
    'Dwelling.id': STRUCTURE,
    'SubsistenceStandard.*': STRUCTURE,
    'Household.id': STRUCTURE,
    'PageInfo.*': STRUCTURE,
    'Grid.code': STRUCTURE,
    'Grid.receivingAssistanceCount': GRID_STATISTICS,
    'DiscrepancyReport.id': STRUCTURE,
    'DiscrepancyReport.*': DISCREPANCIES,
  },
  subjects: {
    Person: (person: Person) => person.id,
    AssistanceRecord: (record: AssistanceRecord) => record.personId,
    DisabilityCertificate: (certificate: DisabilityCertificate) => certificate.personId,
    IncomeDeclaration: (declaration: IncomeDeclaration) => declaration.personId,
    AssistanceApplication: (application: AssistanceApplication) => application.applicantPersonId,
    SubsistenceCheck: (check: SubsistenceCheck) => check.application?.applicantPersonId,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    // A check belongs to its case's household and lies where the application was made. One that was not run carries
    // neither the application nor a household (see pendingCheck): only its refusal. A check that names an application
    // but no household is in no one's scope (a missing household must never read as "records without one").
    SubsistenceCheck: (check: SubsistenceCheck) =>
      !check.application && !check.householdId ? NO_ONES_DATA : { gridCode: check.application?.gridCode ?? null, householdId: check.householdId || null },
    Grid: (grid: { code: string }) => ({ gridCode: grid.code }),
    DiscrepancyReport: discrepancyReportScope,
  },
};
