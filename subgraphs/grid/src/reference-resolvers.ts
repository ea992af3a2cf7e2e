import type { ReferenceResolvers } from '@hub/subgraph-kit';
import type { GridContext } from './resolvers/context';

/** Dwelling and Person are extensions here: their default reference resolution (the representation) is enough. */
export const referenceResolvers: ReferenceResolvers = {
  Grid: { __resolveReference: (reference: { code: string }, { loaders }: GridContext) => loaders.gridByCode.load(reference.code) },
  // A report is its key plus the findings the gateway brought along (@requires).
  DiscrepancyReport: { __resolveReference: (reference: { id: string }) => reference },
};
