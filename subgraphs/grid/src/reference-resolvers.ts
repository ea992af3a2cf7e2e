import type { ReferenceResolvers } from '@hub/subgraph-kit';
import { checkVisible } from './events/transitions';
import type { GridContext } from './resolvers/context';

/** Dwelling and Person are extensions here: their default reference resolution (the representation) is enough. */
export const referenceResolvers: ReferenceResolvers = {
  Grid: { __resolveReference: (reference: { code: string }, { loaders }: GridContext) => loaders.gridByCode.load(reference.code) },
  // A report is its key plus the findings the gateway brought along (@requires).
  DiscrepancyReport: { __resolveReference: (reference: { id: string }) => reference },
  // Jurisdiction is checked around this by the policy (scopes.GridEvent); a department sees only what was dispatched to it.
  GridEvent: {
    __resolveReference: async (reference: { id: string }, { loaders, identity }: GridContext) => {
      const event = /^[1-9]\d{0,17}$/.test(reference.id) ? await loaders.gridEventById.load(reference.id) : null;
      if (event) checkVisible(identity, event);
      return event;
    },
  },
};
