import { GRID_CODE_PATTERN, PERSON_ID_PATTERN } from '@hub/domain';
import type { ReferenceResolvers } from '@hub/subgraph-kit';

/** Public security keeps no person table: a person is their key, and the field resolvers batch by it. */
export const referenceResolvers: ReferenceResolvers = {
  Person: { __resolveReference: (reference: { id: string }) => (PERSON_ID_PATTERN.test(reference.id) ? { id: reference.id } : null) },
  // The grid center's: a grid is its code, a discrepancy report its key plus the facts the gateway brought along.
  Grid: { __resolveReference: (reference: { code: string }) => (GRID_CODE_PATTERN.test(reference.code) ? reference : null) },
  DiscrepancyReport: { __resolveReference: (reference: { id: string }) => reference },
};
