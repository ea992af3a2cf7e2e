import { PERSON_ID_PATTERN } from '@hub/domain';
import type { ReferenceResolvers } from '@hub/subgraph-kit';
import { completeCheck } from './check/run-check';
import type { CivilAffairsContext } from './resolvers/context';

export const referenceResolvers: ReferenceResolvers = {
  /** Civil affairs keeps no person table: a person is their key, and the field resolvers batch by it. */
  Person: { __resolveReference: (reference: { id: string }) => (PERSON_ID_PATTERN.test(reference.id) ? { id: reference.id } : null) },
  SubsistenceCheck: {
    __resolveReference: (reference: { id: string; householdId: string; household?: unknown }, context: CivilAffairsContext) => completeCheck(reference, context),
  },
};
