import type { ReferenceResolvers } from '@hub/subgraph-kit';
import type { HousingContext } from './resolvers/context';

/** Person is an extension here: its default reference resolution (the representation itself) is enough. */
export const referenceResolvers: ReferenceResolvers = {
  Dwelling: { __resolveReference: (reference: { id: string }, { loaders }: HousingContext) => loaders.dwellingById.load(reference.id) },
  // The grid center's report: its key plus the facts the gateway brought along.
  DiscrepancyReport: { __resolveReference: (reference: { id: string }) => reference },
};
