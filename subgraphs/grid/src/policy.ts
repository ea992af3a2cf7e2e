import { STRUCTURE, discrepancyReportScope, parseAccessScope, row, type SubgraphPolicy } from '@hub/access';
import type { Discrepancy } from './entities/discrepancy.type';
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
    'DiscrepancyRecord.*': DISCREPANCIES,
    'GridWorker.*': GRID_INFO,
    'Region.*': STRUCTURE,
  },
  subjects: {
    Person: (person: Person) => person.id,
    Discrepancy: (discrepancy: Discrepancy) => discrepancy.personId,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    Grid: (grid: Grid) => ({ gridCode: grid.code }),
    DiscrepancyReport: discrepancyReportScope,
  },
};
