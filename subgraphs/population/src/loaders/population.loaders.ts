import type { EntityManager } from '@mikro-orm/postgresql';
import { manyLoader, oneLoader } from '@hub/subgraph-kit';
import { Household } from '../entities/household.entity';
import { Person } from '../entities/person.entity';

export function createPopulationLoaders(em: EntityManager) {
  return {
    personById: oneLoader((ids: string[]) => em.find(Person, { id: { $in: ids } }), (person) => person.id),
    householdById: oneLoader((ids: string[]) => em.find(Household, { id: { $in: ids } }), (household) => household.id),
    membersByHousehold: manyLoader(
      (ids: string[]) => em.find(Person, { householdId: { $in: ids } }, { orderBy: { relationToHead: 'asc', birthDate: 'asc' } }),
      (person) => person.householdId!,
    ),
  };
}

export type PopulationLoaders = ReturnType<typeof createPopulationLoaders>;
