import type { EntityManager } from '@mikro-orm/postgresql';
import { auditedFind, auditedRows, countLoader, manyLoader, oneLoader, type AuditRecorder, type AuditedRead } from '@hub/subgraph-kit';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { InvestigationCaseSubject } from '../entities/investigation-case.entity';
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
/**
 * What each read answers, for the access events it writes in its own statement (docs/adr/0014): a person's records
 * are read by the person's id (the jurisdiction was checked on the reference, from population's accessScope).
 */
const personRead = (keys: string[], record?: string): AuditedRead => ({ type: record ? ['Person', record] : 'Person', keys });

export function createPublicSecurityLoaders(em: EntityManager, audit: AuditRecorder) {
  return {
    /** The person's ACTIVE registration; the newest if there are several. */
    registrationByPerson: oneLoader(
      async (ids: string[]) =>
        firstPerKey(
          await auditedFind(em, audit, personRead(ids, 'FloatingRegistration'), FloatingRegistration, { personId: { $in: ids }, status: 'ACTIVE' }, { registeredOn: 'desc', id: 'desc' }),
          (registration) => registration.personId,
        ),
      (registration) => registration.personId,
    ),
    vehiclesByOwner: manyLoader(
      (ids: string[]) => auditedFind(em, audit, personRead(ids, 'Vehicle'), Vehicle, { ownerPersonId: { $in: ids } }, { registeredOn: 'asc', id: 'asc' }),
      (vehicle) => vehicle.ownerPersonId,
    ),
    nonExemptVehicleCountByOwner: countLoader((ids: string[]) =>
      auditedRows<{ key: string; count: number }>(
        em,
        audit,
        personRead(ids),
        `select owner_person_id as key, count(*)::int as count from "vehicle" where owner_person_id = any(string_to_array(?, ',')) and not exempt group by owner_person_id`,
        [ids.join(',')],
      ),
    ),
    /** The person's active key-person record; the highest attention level (01 高) first, then the newest. */
    keyPersonByPerson: oneLoader(
      async (ids: string[]) =>
        firstPerKey(
          await auditedFind(em, audit, personRead(ids, 'KeyPersonRecord'), KeyPersonRecord, { personId: { $in: ids }, active: true }, { attentionLevel: 'asc', registeredOn: 'desc', id: 'desc' }),
          (record) => record.personId,
        ),
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
    /** 涉案人员 of each case; the resolver notes each for the audit (the register names people by key only). */
    subjectsByCase: manyLoader(
      (caseNumbers: string[]) => em.find(InvestigationCaseSubject, { caseNumber: { $in: caseNumbers } }, { orderBy: { caseNumber: 'asc', personId: 'asc' } }),
      (subject) => subject.caseNumber,
    ),
  };
}

export type PublicSecurityLoaders = ReturnType<typeof createPublicSecurityLoaders>;
