import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { countLoader, manyLoader, oneLoader } from '@hub/subgraph-kit';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { KeyPersonRecord } from '../entities/key-person-record.entity';
import { Vehicle } from '../entities/vehicle.entity';

/** Keeps the first row per key of rows already ordered best-first. */
function firstPerKey<T>(rows: T[], keyOf: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Per-request loaders; each batch is one SQL statement. */
export function createPublicSecurityLoaders(em: EntityManager) {
  return {
    /** The person's ACTIVE registration; the newest if there are several. */
    registrationByPerson: oneLoader(
      async (ids: string[]) =>
        firstPerKey(await em.find(FloatingRegistration, { personId: { $in: ids }, status: 'ACTIVE' }, { orderBy: { registeredOn: 'desc', id: 'desc' } }), (registration) => registration.personId),
      (registration) => registration.personId,
    ),
    vehiclesByOwner: manyLoader(
      (ids: string[]) => em.find(Vehicle, { ownerPersonId: { $in: ids } }, { orderBy: { registeredOn: 'asc', id: 'asc' } }),
      (vehicle) => vehicle.ownerPersonId,
    ),
    nonExemptVehicleCountByOwner: countLoader(async (ids: string[]) => {
      const rows: Array<{ ownerPersonId: string; count: string }> = await em
        .createQueryBuilder(Vehicle)
        .select(['ownerPersonId', raw('count(*) as count')])
        .where({ ownerPersonId: { $in: ids }, exempt: false })
        .groupBy('ownerPersonId')
        .execute('all');
      return rows.map((row) => ({ key: row.ownerPersonId, count: Number(row.count) }));
    }),
    /** The person's active key-person record; the highest attention level (01 高) first, then the newest. */
    keyPersonByPerson: oneLoader(
      async (ids: string[]) =>
        firstPerKey(await em.find(KeyPersonRecord, { personId: { $in: ids }, active: true }, { orderBy: { attentionLevel: 'asc', registeredOn: 'desc', id: 'desc' } }), (record) => record.personId),
      (record) => record.personId,
    ),
    /** The grid summary: distinct people with an active key-person record, per grid, in one statement. */
    needsAttentionByGrid: countLoader((codes: string[]) =>
      em.getConnection().execute<Array<{ key: string; count: number }>>(
        `select grid_code as key, count(distinct person_id)::int as count from key_person
          where active and grid_code in (${codes.map(() => '?').join(', ')}) group by grid_code`,
        codes,
      ),
    ),
  };
}

export type PublicSecurityLoaders = ReturnType<typeof createPublicSecurityLoaders>;
