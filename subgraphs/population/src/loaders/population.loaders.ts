import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { todayInChina } from '@hub/domain';
import { manyLoader, oneLoader, sqlRows } from '@hub/subgraph-kit';
import { Household } from '../entities/household.entity';
import { Person } from '../entities/person.entity';

export interface GridStatistics {
  residents: number;
  floating: number;
  elderlyLivingAlone: number;
}

/**
 * Person and household rows as plain objects shaped like the entities. Every cross-department look-up resolves
 * people here (hundreds per `_entities` call in a batch review), and ORM hydration cost more than the query.
 */
const PERSON_COLUMNS = `id, id_number as "idNumber", name, gender, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", ethnicity, phone,
  population_type as "populationType", hukou_region_code as "hukouRegionCode", to_char(death_date, 'YYYY-MM-DD') as "deathDate",
  household_id as "householdId", relation_to_head as "relationToHead", lives_with_household as "livesWithHousehold",
  residence_dwelling_id as "residenceDwellingId", residence_grid_code as "residenceGridCode", to_char(residence_since, 'YYYY-MM-DD') as "residenceSince"`;
const HOUSEHOLD_COLUMNS = `id, household_number as "householdNumber", hukou_region_code as "hukouRegionCode", dwelling_id as "dwellingId",
  grid_code as "gridCode", to_char(registered_on, 'YYYY-MM-DD') as "registeredOn"`;

export function createPopulationLoaders(em: EntityManager) {
  const rows = <T>(sql: string, ids: string[]) => sqlRows<T>(em, sql, [ids.join(',')]);
  return {
    personById: oneLoader(
      (ids: string[]) => rows<Person>(`select ${PERSON_COLUMNS} from person where id = any(string_to_array(?, ','))`, ids),
      (person) => person.id,
    ),
    householdById: oneLoader(
      (ids: string[]) => rows<Household>(`select ${HOUSEHOLD_COLUMNS} from household where id = any(string_to_array(?, ','))`, ids),
      (household) => household.id,
    ),
    membersByHousehold: manyLoader(
      (ids: string[]) => rows<Person>(`select ${PERSON_COLUMNS} from person where household_id = any(string_to_array(?, ',')) order by relation_to_head, birth_date`, ids),
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
