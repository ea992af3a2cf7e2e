import { CASEWORK_ROLES, STRUCTURE, discrepancyReportScope, forRoles, parseAccessScope, row, type SubgraphPolicy, everyPurpose } from '@hub/access';
import type { CorrectionRequest } from './entities/correction-request.entity';
import type { Discrepancy } from './entities/discrepancy.type';
import type { GridEvent } from './entities/grid-event.entity';
import type { Grid } from './entities/grid.entity';
import type { Person } from './entities/stubs';

const GRID_ASSIGNMENT = row('grid.assignment', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
}); // Person.grid, Dwelling.grid
// Not in the table: the grid's own description and its staff; listing a grid's dwellings follows the lookups.
const GRID_INFO = row('grid.info', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
const GRID_DWELLINGS = row('grid.dwellings', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
const GRID_LOOKUP = row('grid.lookup', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// Not in the table: the grid center's cross-department discrepancies, derived facts (kind, departments, record ids;
// the person through the Person policy). The root and the report follow the listings (civil affairs works by case,
// audit by log), less housing, which may know none of the kinds; each kind is further limited to the purposes whose
// every underlying fact the table already allows them (@hub/access DISCREPANCY_KINDS), the grid center getting all.
const DISCREPANCIES = row('grid.discrepancies', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});

// 网格事件 (issue #10), not in the table. The departments an event can be dispatched to work it under their own
// administration purpose (civil affairs' only purpose is case-bound, so it gets none yet); what they see of an event
// follows these rows, and which events they see is limited in the resolvers to those dispatched to them.
const EVENT = row('grid.event', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The 网格员 who reported it: a department needs to know that someone did, the grid center who.
const EVENT_REPORTER = row(
  'grid.event.reporter',
  {
    POPULATION_ADMINISTRATION: 'M',
    HOUSING_ADMINISTRATION: 'M',
    SUBSISTENCE_REVIEW: 'X',
    FLOATING_POPULATION_MANAGEMENT: 'M',
    CASE_INVESTIGATION: 'X',
    GRID_SERVICE: 'C',
    ACCESS_AUDIT: 'X',
  },
  'name',
);
/**
 * The grid center's own work on events: every event of the jurisdiction (the overdue list, the statistics' exact
 * small counts), its transitions, 退回 reasons (a returned event never reaches a department), the 回访 and 考核
 * figures and the before/after states of the history.
 */
export const EVENT_CENTER = row('grid.event.center', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
/** A department's own work on what was dispatched to it: its queue and the 处置 transitions. */
const EVENT_HANDLING = row('grid.event.handling', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});
/** Aggregate figures: small counts "<5" for everyone but the grid center (reportedCount over EVENT_CENTER). */
const EVENT_STATISTICS = row('grid.event.statistics', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
/** The published 事项清单: no personal data, for every working purpose. */
const EVENT_CATEGORIES = row('grid.event.category', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});

// Not in the table: 纠错回流 (issue #10). A correction request names a discrepancy's records by id and its person by key,
// so it follows grid.discrepancies for reading, plus housing (a department answering requests addressed to it; the
// resolver narrows every department to its own queue). Civil affairs works by case and audit by log: denied.
const CORRECTIONS = row('grid.corrections', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// The records a discrepancy or a correction request names (department, record type, id): for the discrepancies'
// readers, and for housing, which reads them only in the correction requests addressed to it.
const DISCREPANCY_RECORDS = row('grid.discrepancyRecords', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// Only the grid center raises a correction.
const CORRECTION_RAISE = row('grid.corrections.raise', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
// A department answers under its own administration purpose (the resolver checks the request is addressed to it).
const CORRECTION_ANSWER = row('grid.corrections.answer', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'X',
  ACCESS_AUDIT: 'X',
});

// Not in the table: 网格员采集 (issue #14) — what a grid worker finds on a visit goes to the owning department as a
// correction request; the grid center's own staff file it under grid service.
const FIELD_REPORT = row('grid.fieldReport', { ...everyPurpose('X'), GRID_SERVICE: 'C' });

// Not in the table: the grid center assigns its workers (issue #14) — its supervisors, under grid service.
export const GRID_WORKER_WRITE_CLASS = 'grid.worker.write';
const GRID_WORKER_WRITE = row(GRID_WORKER_WRITE_CLASS, { ...everyPurpose('X'), GRID_SERVICE: 'C' });

// Not in the table: 网格划分调整 (issue #14) — the grid center's supervisors move dwellings between the grids of their
// jurisdiction and place newly registered ones, under grid service; housing's and population's copies follow.
export const GRID_BOUNDARY_WRITE_CLASS = 'grid.boundary.write';
const GRID_BOUNDARY_WRITE = row(GRID_BOUNDARY_WRITE_CLASS, { ...everyPurpose('X'), GRID_SERVICE: 'C' });

/** 网格中心's policy: every field of the grid subgraph. */
export const gridPolicy: SubgraphPolicy = {
  fields: {
    'Query.grid': GRID_LOOKUP,
    'Query.grids': GRID_LOOKUP,
    'Query.regions': STRUCTURE, // the published division tree
    'Person.id': STRUCTURE,
    'Person.accessScope': STRUCTURE,
    'Person.residence': STRUCTURE, // external: population's, only its id is here
    'Person.grid': GRID_ASSIGNMENT,
    'Dwelling.id': STRUCTURE,
    'Dwelling.grid': GRID_ASSIGNMENT,
    'Grid.code': STRUCTURE,
    'Grid.name': GRID_INFO,
    'Grid.regionCode': GRID_INFO,
    'Grid.region': GRID_INFO,
    'Grid.workers': GRID_INFO,
    'Grid.dwellings': GRID_DWELLINGS,
    'Grid.dwellingCount': GRID_DWELLINGS,
    'Grid.dwellingsConnection': GRID_DWELLINGS,
    'DwellingConnection.*': STRUCTURE,
    'PageInfo.*': STRUCTURE,
    'Household.id': STRUCTURE,
    'Query.discrepancies': DISCREPANCIES,
    'DiscrepancyReport.id': STRUCTURE,
    'DiscrepancyReport.*': DISCREPANCIES,
    'Discrepancy.*': DISCREPANCIES,
    'Discrepancy.correction': CORRECTIONS,
    'DiscrepancyRecord.*': DISCREPANCY_RECORDS,
    'Query.correctionRequests': CORRECTIONS,
    'Query.correctionRequest': CORRECTIONS,
    'Mutation.raiseCorrection': forRoles(CORRECTION_RAISE, CASEWORK_ROLES),
    'Mutation.assignGridWorker': forRoles(GRID_WORKER_WRITE, ['SUPERVISOR']),
    'Mutation.assignDwellingsToGrid': forRoles(GRID_BOUNDARY_WRITE, ['SUPERVISOR']),
    // The change as done: the grid and the dwellings' ids (what housing says of them follows its own rows).
    'DwellingGridAssignment.*': GRID_BOUNDARY_WRITE,
    'DwellingGridAssignment.grid': GRID_INFO,
    'Mutation.proposeFieldChange': forRoles(FIELD_REPORT, ['GRID_WORKER', 'OFFICER', 'SUPERVISOR']),
    'Mutation.acceptCorrection': forRoles(CORRECTION_ANSWER, CASEWORK_ROLES),
    'Mutation.rejectCorrection': forRoles(CORRECTION_ANSWER, CASEWORK_ROLES),
    'CorrectionRequest.id': STRUCTURE,
    'CorrectionRequest.*': CORRECTIONS,
    'CorrectionRequestStep.*': CORRECTIONS,
    'CorrectionRequestConnection.*': STRUCTURE,
    'GridWorker.*': GRID_INFO,
    'Region.*': STRUCTURE,
    'Query.eventCategories': EVENT_CATEGORIES,
    'EventCategory.*': EVENT_CATEGORIES,
    'Query.gridEvent': EVENT,
    'Query.gridEvents': EVENT,
    'Query.myEventQueue': EVENT_HANDLING,
    'Query.overdueGridEvents': EVENT_CENTER,
    'Query.gridEventStatistics': EVENT_STATISTICS,
    'GridEventStatistics.*': EVENT_STATISTICS,
    'GridEventConnection.*': STRUCTURE,
    'GridEvent.*': EVENT,
    'GridEvent.reporterName': EVENT_REPORTER,
    'GridEvent.reporterId': EVENT_CENTER,
    'GridEvent.returnReason': EVENT_CENTER,
    'GridEvent.satisfaction': EVENT_CENTER,
    'GridEvent.followUpNote': EVENT_CENTER,
    'GridEventAttachment.*': EVENT,
    'GridEventStep.*': EVENT,
    'GridEventStep.actorId': EVENT_CENTER,
    'GridEventStep.before': EVENT_CENTER,
    'GridEventStep.after': EVENT_CENTER,
    'Mutation.reportGridEvent': EVENT_CENTER,
    'Mutation.acceptGridEvent': EVENT_CENTER,
    'Mutation.returnGridEvent': EVENT_CENTER,
    'Mutation.dispatchGridEvent': EVENT_CENTER,
    'Mutation.closeGridEvent': EVENT_CENTER,
    'Mutation.rejectGridEventHandling': EVENT_CENTER,
    'Mutation.escalateGridEvent': EVENT_CENTER,
    'Mutation.followUpGridEvent': EVENT_CENTER,
    'Mutation.startGridEvent': EVENT_HANDLING,
    'Mutation.handleGridEvent': EVENT_HANDLING,
  },
  subjects: {
    Person: (person: Person) => person.id,
    Discrepancy: (discrepancy: Discrepancy) => discrepancy.personId,
    CorrectionRequest: (request: CorrectionRequest) => request.personId,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    Grid: (grid: Grid) => ({ gridCode: grid.code }),
    DiscrepancyReport: discrepancyReportScope,
    CorrectionRequest: (request: CorrectionRequest) => ({ gridCode: request.gridCode }),
    GridEvent: (event: GridEvent) => ({ gridCode: event.gridCode }),
  },
};
