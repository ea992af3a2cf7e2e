import type { ReferenceResolvers } from '@hub/subgraph-kit';
import type { PopulationContext } from './resolvers/context';

export const referenceResolvers: ReferenceResolvers = {
  Person: { __resolveReference: (reference: { id: string }, { loaders }: PopulationContext) => loaders.personById.load(reference.id) },
  Household: { __resolveReference: (reference: { id: string }, { loaders }: PopulationContext) => loaders.householdById.load(reference.id) },
  SubsistenceCheck: { __resolveReference: (reference: { id: string; householdId: string }) => ({ id: reference.id, householdId: reference.householdId }) },
  // The report is its key (plus the facts the gateway brought along); the grid center owns it.
  DiscrepancyReport: { __resolveReference: (reference: { id: string }) => reference },
};
