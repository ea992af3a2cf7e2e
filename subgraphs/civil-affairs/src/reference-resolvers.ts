import { GRID_CODE_PATTERN, PERSON_ID_PATTERN } from '@hub/domain';
import type { ReferenceResolvers } from '@hub/subgraph-kit';
import { completeCheck } from './check/run-check';
import type { CivilAffairsContext } from './resolvers/context';

export const referenceResolvers: ReferenceResolvers = {
  /** Civil affairs keeps no person table: a person is their key, and the field resolvers batch by it. */
  Person: { __resolveReference: (reference: { id: string }) => (PERSON_ID_PATTERN.test(reference.id) ? { id: reference.id } : null) },
  SubsistenceCheck: {
    __resolveReference: (reference: { id: string; householdId: string; household?: unknown }, context: CivilAffairsContext) => completeCheck(reference, context),
  },
  // The grid center's: a grid is its code, a discrepancy report its key plus the facts the gateway brought along.
  Grid: { __resolveReference: (reference: { code: string }) => (GRID_CODE_PATTERN.test(reference.code) ? reference : null) },
  DiscrepancyReport: { __resolveReference: (reference: { id: string }) => reference },
};
