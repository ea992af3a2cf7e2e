import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { todayInChina } from '@hub/domain';
import { auditedRows, manyLoader, oneLoader, sqlRows, type AuditRecorder, type AuditedRead } from '@hub/subgraph-kit';
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
  residence_dwelling_id as "residenceDwellingId", residence_grid_code as "residenceGridCode", to_char(residence_since, 'YYYY-MM-DD') as "residenceSince", version`;
const HOUSEHOLD_COLUMNS = `id, household_number as "householdNumber", hukou_region_code as "hukouRegionCode", dwelling_id as "dwellingId",
  grid_code as "gridCode", to_char(registered_on, 'YYYY-MM-DD') as "registeredOn"`;

/**
 * What each read answers, for the access events it writes in its own statement (docs/adr/0014): a person is the
 * subject of their row, checked against the jurisdiction by where they live and which household they belong to
 * (the policy's Person scope); a household has no subject of its own and is checked by its grid and id.
 */
const PERSON_READ: AuditedRead = { type: 'Person', subjectColumn: 'id', gridCodeColumn: 'residenceGridCode', householdIdColumn: 'householdId' };
const PERSON_LOOKUP_READ: AuditedRead = { ...PERSON_READ, alsoFor: ['Query'] };
const MEMBER_READ: AuditedRead = { ...PERSON_READ, type: ['Person', 'HouseholdMember'] };
// A household is read for `household(id:)`, a person's household or a 低保 check's: those look-ups are logged with it.
const HOUSEHOLD_READ: AuditedRead = { type: 'Household', gridCodeColumn: 'gridCode', householdIdColumn: 'id', alsoFor: ['Query', 'SubsistenceCheck'] };

export function createPopulationLoaders(em: EntityManager, audit: AuditRecorder) {
  const rows = <T>(read: AuditedRead, sql: string, ids: string[]) => auditedRows<T>(em, audit, read, sql, [ids.join(',')]);
  return {
    /** `person(idNumber:)`: the look-up and the person's events in the statement that reads the row. */
    personByIdNumber: async (idNumber: string): Promise<Person | null> =>
      (await auditedRows<Person>(em, audit, PERSON_LOOKUP_READ, `select ${PERSON_COLUMNS} from person where id_number = ?`, [idNumber]))[0] ?? null,
    personById: oneLoader(
      (ids: string[]) => rows<Person>(PERSON_READ, `select ${PERSON_COLUMNS} from person where id = any(string_to_array(?, ','))`, ids),
      (person) => person.id,
    ),
    householdById: oneLoader(
      (ids: string[]) => rows<Household>(HOUSEHOLD_READ, `select ${HOUSEHOLD_COLUMNS} from household where id = any(string_to_array(?, ','))`, ids),
      (household) => household.id,
    ),
    /**
     * 受理's look-up of the applicant's household, not audited in its statement: that resolver checks the jurisdiction
     * itself (there is no case yet) and notes the look under the applicant, appended before the answer leaves.
     */
    householdForApplicant: async (id: string): Promise<Household | null> => (await sqlRows<Household>(em, `select ${HOUSEHOLD_COLUMNS} from household where id = ?`, [id]))[0] ?? null,
    membersByHousehold: manyLoader(
      (ids: string[]) => rows<Person>(MEMBER_READ, `select ${PERSON_COLUMNS} from person where household_id = any(string_to_array(?, ',')) order by relation_to_head, birth_date`, ids),
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
