import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { auditedFind, auditedRows, countLoader, manyLoader, oneLoader, type AuditRecorder, type AuditedRead } from '@hub/subgraph-kit';
import { Dwelling } from '../entities/dwelling.entity';
import { Ownership } from '../entities/ownership.entity';
import { Tenancy } from '../entities/tenancy.entity';

/** Current tenancies (open-ended, then those ending latest) first, then the most recent start. */
const TENANCY_ORDER = { endOn: QueryOrder.DESC_NULLS_FIRST, startOn: QueryOrder.DESC, id: QueryOrder.DESC } as const;

/**
 * What each read answers, for the access events it writes in its own statement (docs/adr/0014). A dwelling has no
 * subject and is checked by its grid; owners and tenants are the subjects of their rows; a person's facts here are
 * read by the person's id (the jurisdiction was checked on the reference, from population's accessScope).
 */
const DWELLING_READ: AuditedRead = { type: 'Dwelling', gridCodeColumn: 'grid_code', gridCodeFallbackColumn: 'region_code' };
const OWNERSHIP_READ: AuditedRead = { type: 'Ownership', subjectColumn: 'owner_person_id' };
const TENANCY_READ: AuditedRead = { type: 'Tenancy', subjectColumn: 'tenant_person_id' };
const personRead = (keys: string[], alsoFor?: string[]): AuditedRead => ({ type: ['Person', 'Tenancy'], keys, alsoFor });

/** Every loader issues exactly one SQL statement per batch, which also writes the access events of what it read. */
export function createHousingLoaders(em: EntityManager, audit: AuditRecorder) {
  return {
    dwellingById: oneLoader(
      (ids: string[]) => auditedFind(em, audit, DWELLING_READ, Dwelling, { id: { $in: ids } }),
      (dwelling) => dwelling.id,
    ),

    ownershipsByDwelling: manyLoader(
      (ids: string[]) => auditedFind(em, audit, OWNERSHIP_READ, Ownership, { dwelling: { $in: ids } }, { share: QueryOrder.DESC, registeredOn: QueryOrder.ASC, id: QueryOrder.ASC }),
      (ownership) => ownership.dwelling.id,
    ),

    tenanciesByDwelling: manyLoader(
      (ids: string[]) => auditedFind(em, audit, TENANCY_READ, Tenancy, { dwelling: { $in: ids } }, TENANCY_ORDER),
      (tenancy) => tenancy.dwelling.id,
    ),

    tenanciesByTenant: manyLoader(
      (ids: string[]) => auditedFind(em, audit, personRead(ids), Tenancy, { tenantPersonId: { $in: ids } }, TENANCY_ORDER),
      (tenancy) => tenancy.tenantPersonId,
    ),

    /**
     * ownership ⋈ dwelling in one statement, as plain rows shaped like Dwelling; a dwelling appears once per owner.
     * A 低保 batch review asks for hundreds of owners per request, and ORM hydration cost more than the query.
     */
    ownedDwellingsByOwner: new DataLoader<string, Dwelling[]>(async (ids) => {
      const rows = await auditedRows<Dwelling & { ownerPersonId: string }>(
        em,
        audit,
        personRead([...ids], ['Dwelling']),
        `select o.owner_person_id as "ownerPersonId", d.id, d.address_code as "addressCode", d.address, d.building_use as "buildingUse",
                d.area::float8 as area, d.region_code as "regionCode", d.grid_code as "gridCode", d.version
           from ownership o join dwelling d on d.id = o.dwelling_id
          where o.owner_person_id = any(string_to_array(?, ','))
          group by o.owner_person_id, d.id
          order by o.owner_person_id, min(o.registered_on), min(o.id)`,
        [ids.join(',')],
      );
      const byOwner = new Map<string, Dwelling[]>();
      for (const { ownerPersonId, id, addressCode, address, buildingUse, area, regionCode, gridCode, version } of rows) {
        const owned = byOwner.get(ownerPersonId) ?? [];
        owned.push({ id, addressCode, address, buildingUse, area, regionCode, gridCode, version } as Dwelling);
        byOwner.set(ownerPersonId, owned);
      }
      return ids.map((id) => byOwner.get(id) ?? []);
    }),

    ownedDwellingCountByOwner: countLoader((ids: string[]) =>
      auditedRows<{ key: string; count: number }>(
        em,
        audit,
        personRead(ids),
        `select owner_person_id as key, count(distinct dwelling_id)::int as count from ownership where owner_person_id = any(string_to_array(?, ',')) group by owner_person_id`,
        [ids.join(',')],
      ),
    ),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
