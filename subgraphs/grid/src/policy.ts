import { STRUCTURE, parseAccessScope, row, type SubgraphPolicy } from '@hub/access';
import type { Grid } from './entities/grid.entity';
import type { Person } from './entities/references';

//                     POP  HOUSING  CIVIL  PS-floating  PS-case  GRID  AUDIT      (ACCESS-POLICY.md v1)
const GRID_ASSIGNMENT = row('grid.assignment', 'C C C C C C X'); // Person.grid, Dwelling.grid
// Not in the table: the grid's own description and its staff; listing a grid's dwellings follows the lookups.
const GRID_INFO = row('grid.info', 'C C C C C C X');
const GRID_DWELLINGS = row('grid.dwellings', 'C C X C C C X');
const GRID_LOOKUP = row('grid.lookup', 'C C X C C C X');

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
    'GridWorker.*': GRID_INFO,
    'Region.*': STRUCTURE,
  },
  subjects: {
    Person: (person: Person) => person.id,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    Grid: (grid: Grid) => ({ gridCode: grid.code }),
  },
};
