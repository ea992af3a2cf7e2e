import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedGridAssignmentCall, type GridAssignmentAnswer } from '@hub/access';
import { auditedWrite, type RecordChange } from '@hub/audit';
import { REGISTRATION_GRID_COPY } from '../policy';
import type { PublicSecurityContext } from './context';

/** The operation under which public security's copy follows a boundary change, in `write_request` and `record_change`. */
export const APPLY_GRID_ASSIGNMENT = 'applyGridAssignment';

const changedBy = async (tx: EntityManager, identity: PublicSecurityContext['identity'], clientRequestId: string): Promise<number> => {
  const rows = await tx.execute<Array<{ n: string }>>(`select count(*) as n from record_change where operation = ? and changed_by = ? and client_request_id = ?`, [
    APPLY_GRID_ASSIGNMENT,
    identity.sub,
    clientRequestId,
  ]);
  return Number(rows[0]?.n ?? 0);
};

/**
 * `POST /internal/grid-assignment` {clientRequestId, dwellingIds, gridCode}: the grid center moved these dwellings into
 * this grid (网格划分调整), and public security's copy follows — the grid of each ACTIVE floating registration at one
 * of them (`floating_registration.grid_code`, what the police's search by grid reads) — in public security's own
 * transaction: the registration's version is incremented (an officer's 签注 or 注销 made against the version before
 * is then a CONFLICT, and reloads the registration with its new grid), its before and after kept, and the write in
 * the access log under each registered person. A CANCELLED registration keeps the grid it was registered in: it is
 * the record of where someone lived then. Once under retry (the grid center's client request id is claimed here
 * too). Public security does not own dwellings: one without an ACTIVE registration changes nothing here.
 */
export async function applyGridAssignment({ em, identity, via }: PublicSecurityContext, _params: URLSearchParams, body?: unknown): Promise<GridAssignmentAnswer> {
  const call = checkedGridAssignmentCall(identity, via, REGISTRATION_GRID_COPY, body);
  const changed = await auditedWrite<EntityManager, number>(
    em,
    identity,
    { operation: APPLY_GRID_ASSIGNMENT, clientRequestId: call.clientRequestId, input: { dwellingIds: call.dwellingIds, gridCode: call.gridCode }, fieldClass: REGISTRATION_GRID_COPY.fieldClass },
    async (tx) => {
      // An array literal: MikroORM inlines an array binding as a list. The ids are letters and digits only (checked).
      const ids = `{${call.dwellingIds.join(',')}}`;
      // Only the registrations whose copy differs are locked and changed: a copy already right stays as it is (no history row).
      const registrations = await tx.execute<Array<{ id: string; person_id: string; grid_code: string | null; version: number }>>(
        `update floating_registration r set grid_code = ?, version = old.version + 1
           from (select id, person_id, grid_code, version from floating_registration
                  where dwelling_id = any(?::text[]) and status = 'ACTIVE' and grid_code is distinct from ? order by id for update) old
          where r.id = old.id returning r.id, old.person_id, old.grid_code, old.version`,
        [call.gridCode, ids, call.gridCode],
      );
      const changes: RecordChange[] = registrations.map((row) => ({
        recordType: 'floating_registration',
        recordId: row.id,
        before: { gridCode: row.grid_code, version: row.version },
        after: { gridCode: call.gridCode, version: row.version + 1 },
      }));
      return { result: registrations.length, resultId: call.gridCode, subjects: registrations.map((row) => row.person_id), changes };
    },
    (tx) => changedBy(tx, identity, call.clientRequestId),
  );
  return { department: 'PUBLIC_SECURITY', changed: { floating_registration: changed } };
}
