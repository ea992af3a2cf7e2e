import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { countLoader, manyLoader, oneLoader, sqlRows } from '@hub/subgraph-kit';
import { Dwelling } from '../entities/dwelling.entity';
import { Ownership } from '../entities/ownership.entity';
import { Tenancy } from '../entities/tenancy.entity';

/** Current tenancies (open-ended, then those ending latest) first, then the most recent start. */
const TENANCY_ORDER = { endOn: QueryOrder.DESC_NULLS_FIRST, startOn: QueryOrder.DESC, id: QueryOrder.DESC } as const;

/** Every loader issues exactly one SQL statement per batch. */
export function createHousingLoaders(em: EntityManager) {
  return {
    dwellingById: oneLoader(
      (ids: string[]) => em.find(Dwelling, { id: { $in: ids } }),
      (dwelling) => dwelling.id,
    ),

    ownershipsByDwelling: manyLoader(
      (ids: string[]) => em.find(Ownership, { dwelling: { $in: ids } }, { orderBy: { share: QueryOrder.DESC, registeredOn: QueryOrder.ASC, id: QueryOrder.ASC } }),
      (ownership) => ownership.dwelling.id,
    ),

    tenanciesByDwelling: manyLoader(
      (ids: string[]) => em.find(Tenancy, { dwelling: { $in: ids } }, { orderBy: TENANCY_ORDER }),
      (tenancy) => tenancy.dwelling.id,
    ),

    tenanciesByTenant: manyLoader(
      (ids: string[]) => em.find(Tenancy, { tenantPersonId: { $in: ids } }, { orderBy: TENANCY_ORDER }),
      (tenancy) => tenancy.tenantPersonId,
    ),

    /**
     * ownership ⋈ dwelling in one statement, as plain rows shaped like Dwelling; a dwelling appears once per owner.
     * A 低保 batch review asks for hundreds of owners per request, and ORM hydration cost more than the query.
     */
    ownedDwellingsByOwner: new DataLoader<string, Dwelling[]>(async (ids) => {
      const rows = await sqlRows<Dwelling & { ownerPersonId: string }>(
        em,
        `select o.owner_person_id as "ownerPersonId", d.id, d.address_code as "addressCode", d.address, d.building_use as "buildingUse",
                d.area::float8 as area, d.region_code as "regionCode", d.grid_code as "gridCode"
           from ownership o join dwelling d on d.id = o.dwelling_id
          where o.owner_person_id = any(string_to_array(?, ','))
          group by o.owner_person_id, d.id
          order by o.owner_person_id, min(o.registered_on), min(o.id)`,
        [ids.join(',')],
      );
      const byOwner = new Map<string, Dwelling[]>();
      for (const { ownerPersonId, id, addressCode, address, buildingUse, area, regionCode, gridCode } of rows) {
        const owned = byOwner.get(ownerPersonId) ?? [];
        owned.push({ id, addressCode, address, buildingUse, area, regionCode, gridCode } as Dwelling);
        byOwner.set(ownerPersonId, owned);
      }
      return ids.map((id) => byOwner.get(id) ?? []);
    }),

    ownedDwellingCountByOwner: countLoader((ids: string[]) =>
      em
        .getConnection()
        .execute<Array<{ key: string; count: number }>>(
          `select owner_person_id as key, count(distinct dwelling_id)::int as count from ownership where owner_person_id in (${ids.map(() => '?').join(', ')}) group by owner_person_id`,
          ids,
        ),
    ),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
