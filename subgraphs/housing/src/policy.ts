import { STRUCTURE, discrepancyReportScope, parseAccessScope, row, type SubgraphPolicy } from '@hub/access';
import type { Dwelling } from './entities/dwelling.entity';
import type { Ownership } from './entities/ownership.entity';
import type { Person } from './entities/references';
import type { Tenancy } from './entities/tenancy.entity';

//                     POP  HOUSING  CIVIL  PS-floating  PS-case  GRID  AUDIT      (ACCESS-POLICY.md v1)
const DWELLING = row('person.residence', 'C C C C C C X'); // Person.residence (dwelling + address)
const OWNERSHIP = row('housing.ownership', 'X C C X C X X'); // Person.ownedDwellings
const OWNED_COUNT = row('housing.ownedDwellingCount', 'X C C X C C X'); // derived
const TENANCY = row('housing.tenancy', 'X C X C C C X'); // Dwelling.tenancies (tenant, landlord)
// Not in the table: looking a dwelling up directly; a 低保 case reaches dwellings only through its members.
const DWELLING_LOOKUP = row('housing.dwellingLookup', 'C C X C C C X');
// The grid center's discrepancy report: what housing states and decides for it (internal, @inaccessible); each
// kind is further limited to the purposes of @hub/access DISCREPANCY_KINDS.
const DISCREPANCIES = row('grid.discrepancies', 'C X X C C C X');

/** 房屋's policy: every field of the housing subgraph. */
export const housingPolicy: SubgraphPolicy = {
  fields: {
    'Query.dwelling': DWELLING_LOOKUP,
    'Person.id': STRUCTURE,
    'Person.accessScope': STRUCTURE,
    'Person.ownedDwellings': OWNERSHIP,
    'Person.ownedDwellingCount': OWNED_COUNT,
    'Person.tenancies': TENANCY,
    'Dwelling.id': STRUCTURE,
    'Dwelling.address': DWELLING,
    'Dwelling.addressCode': DWELLING,
    'Dwelling.area': DWELLING,
    'Dwelling.use': DWELLING,
    'Dwelling.regionCode': DWELLING,
    'Dwelling.owners': OWNERSHIP,
    'Dwelling.tenancies': TENANCY,
    'Ownership.*': OWNERSHIP,
    'Tenancy.*': TENANCY,
    'DiscrepancyReport.id': STRUCTURE,
    'DiscrepancyReport.*': DISCREPANCIES,
  },
  subjects: {
    Person: (person: Person) => person.id,
    Ownership: (ownership: Ownership) => ownership.ownerPersonId,
    Tenancy: (tenancy: Tenancy) => tenancy.tenantPersonId,
  },
  scopes: {
    Person: (person: Person) => parseAccessScope(person.accessScope),
    Dwelling: (dwelling: Dwelling) => (dwelling.gridCode === undefined ? undefined : { gridCode: dwelling.gridCode }),
    DiscrepancyReport: discrepancyReportScope,
  },
};
