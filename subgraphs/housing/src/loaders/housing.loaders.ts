import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { countLoader, manyLoader, oneLoader } from '@hub/subgraph-kit';
import { Dwelling } from '../entities/dwelling.entity';
import { Ownership } from '../entities/ownership.entity';
import { Tenancy } from '../entities/tenancy.entity';

/** Current tenancies (open-ended, then those ending latest) first, then the most recent start. */
const TENANCY_ORDER = { endOn: QueryOrder.DESC_NULLS_FIRST, startOn: QueryOrder.DESC, id: QueryOrder.DESC } as const;

/** Every loader issues exactly one SQL statement per batch. */
export function createHousingLoaders(em: EntityManager) {
  return {
    dwellingById: oneLoader((ids: string[]) => em.find(Dwelling, { id: { $in: ids } }), (dwelling) => dwelling.id),

    ownershipsByDwelling: manyLoader(
      (ids: string[]) => em.find(Ownership, { dwelling: { $in: ids } }, { orderBy: { share: QueryOrder.DESC, registeredOn: QueryOrder.ASC, id: QueryOrder.ASC } }),
      (ownership) => ownership.dwelling.id,
    ),

    tenanciesByDwelling: manyLoader((ids: string[]) => em.find(Tenancy, { dwelling: { $in: ids } }, { orderBy: TENANCY_ORDER }), (tenancy) => tenancy.dwelling.id),

    tenanciesByTenant: manyLoader((ids: string[]) => em.find(Tenancy, { tenantPersonId: { $in: ids } }, { orderBy: TENANCY_ORDER }), (tenancy) => tenancy.tenantPersonId),

    /** ownership ⋈ dwelling in one statement (joined populate); a dwelling appears once per owner. */
    ownedDwellingsByOwner: new DataLoader<string, Dwelling[]>(async (ids) => {
      const ownerships = await em.find(
        Ownership,
        { ownerPersonId: { $in: [...ids] } },
        { populate: ['dwelling'], orderBy: { registeredOn: QueryOrder.ASC, id: QueryOrder.ASC } },
      );
      const byOwner = new Map<string, Map<string, Dwelling>>();
      for (const { ownerPersonId, dwelling } of ownerships) {
        const owned = byOwner.get(ownerPersonId) ?? new Map<string, Dwelling>();
        owned.set(dwelling.id, dwelling);
        byOwner.set(ownerPersonId, owned);
      }
      return ids.map((id) => [...(byOwner.get(id)?.values() ?? [])]);
    }),

    ownedDwellingCountByOwner: countLoader((ids: string[]) =>
      em.getConnection().execute<Array<{ key: string; count: number }>>(
        `select owner_person_id as key, count(distinct dwelling_id)::int as count from ownership where owner_person_id in (${ids.map(() => '?').join(', ')}) group by owner_person_id`,
        ids,
      ),
    ),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
