import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { todayInChina } from '@hub/domain';
import { manyLoader, oneLoader } from '@hub/subgraph-kit';
import { Household } from '../entities/household.entity';
import { Person } from '../entities/person.entity';

export interface GridStatistics {
  residents: number;
  floating: number;
  elderlyLivingAlone: number;
}

export function createPopulationLoaders(em: EntityManager) {
  return {
    personById: oneLoader((ids: string[]) => em.find(Person, { id: { $in: ids } }), (person) => person.id),
    householdById: oneLoader((ids: string[]) => em.find(Household, { id: { $in: ids } }), (household) => household.id),
    membersByHousehold: manyLoader(
      (ids: string[]) => em.find(Person, { householdId: { $in: ids } }, { orderBy: { relationToHead: 'asc', birthDate: 'asc' } }),
      (person) => person.householdId!,
    ),

    /** The summary counts of many grids in one statement over the (residence_grid_code, id) index. */
    gridStatistics: new DataLoader<string, GridStatistics>(async (codes) => {
      const rows = await em.getConnection().execute<Array<{ grid_code: string; residents: number; floating: number; elderly_alone: number }>>(
        `select p.residence_grid_code as grid_code,
                count(*)::int as residents,
                count(*) filter (where p.population_type = 'FLOATING')::int as floating,
                count(*) filter (where p.birth_date <= ?::date - interval '80 years' and p.household_id is not null
                                 and not exists (select 1 from person o where o.household_id = p.household_id and o.id <> p.id))::int as elderly_alone
           from person p
          where p.residence_grid_code in (${codes.map(() => '?').join(', ')}) and p.death_date is null
          group by p.residence_grid_code`,
        [todayInChina(), ...codes],
      );
      const byGrid = new Map(rows.map((row) => [row.grid_code, row] as const));
      return codes.map((code) => {
        const row = byGrid.get(code);
        return { residents: row?.residents ?? 0, floating: row?.floating ?? 0, elderlyLivingAlone: row?.elderly_alone ?? 0 };
      });
    }),
  };
}

export type PopulationLoaders = ReturnType<typeof createPopulationLoaders>;
