import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedGridAssignmentCall, type GridAssignmentAnswer } from '@hub/access';
import { auditedWrite, type RecordChange } from '@hub/audit';
import { RESIDENCE_GRID_COPY } from '../policy';
import type { PopulationContext } from './context';

/** The operation under which population's copies follow a boundary change, in `write_request` and `record_change`. */
export const APPLY_GRID_ASSIGNMENT = 'applyGridAssignment';

interface Copies {
  household: number;
  person: number;
}

const changedBy = async (tx: EntityManager, identity: PopulationContext['identity'], clientRequestId: string): Promise<Copies> => {
  const rows = await tx.execute<Array<{ record_type: string; n: string }>>(
    `select record_type, count(*) as n from record_change where operation = ? and changed_by = ? and client_request_id = ? group by record_type`,
    [APPLY_GRID_ASSIGNMENT, identity.sub, clientRequestId],
  );
  const count = (type: string) => Number(rows.find((row) => row.record_type === type)?.n ?? 0);
  return { household: count('household'), person: count('person') };
};

/**
 * `POST /internal/grid-assignment` {clientRequestId, dwellingIds, gridCode}: the grid center moved these dwellings into
 * this grid (网格划分调整), and population's copies follow — the grid of each household living there
 * (`household.grid_code`) and of each person residing there (`person.residence_grid_code`) — in population's own
 * transaction, with the before and after of each record that changed, and the write in the access log under each
 * person. Once under retry (the grid center's client request id is claimed here too). Population does not own
 * dwellings: one it has nobody at changes nothing here (housing answers whether it exists).
 */
export async function applyGridAssignment({ em, identity, via }: PopulationContext, _params: URLSearchParams, body?: unknown): Promise<GridAssignmentAnswer> {
  const call = checkedGridAssignmentCall(identity, via, RESIDENCE_GRID_COPY, body);
  const changed = await auditedWrite<EntityManager, Copies>(
    em,
    identity,
    { operation: APPLY_GRID_ASSIGNMENT, clientRequestId: call.clientRequestId, input: { dwellingIds: call.dwellingIds, gridCode: call.gridCode }, fieldClass: RESIDENCE_GRID_COPY.fieldClass },
    async (tx) => {
      // An array literal: MikroORM inlines an array binding as a list. The ids are letters and digits only (checked).
      const ids = `{${call.dwellingIds.join(',')}}`;
      // Only the records whose copy differs are locked and changed: a copy already right stays as it is (no history row).
      const households = await tx.execute<Array<{ id: string; grid_code: string | null }>>(
        `update household h set grid_code = ? from (select id, grid_code from household where dwelling_id = any(?::text[]) and grid_code is distinct from ? order by id for update) old
          where h.id = old.id returning h.id, old.grid_code`,
        [call.gridCode, ids, call.gridCode],
      );
      const persons = await tx.execute<Array<{ id: string; residence_grid_code: string | null; version: number }>>(
        // The version moves too: a form opened on the person before the change is then CONFLICT, not a write over it.
        `update person p set residence_grid_code = ?, version = p.version + 1 from (select id, residence_grid_code from person where residence_dwelling_id = any(?::text[]) and residence_grid_code is distinct from ? order by id for update) old
          where p.id = old.id returning p.id, old.residence_grid_code, p.version`,
        [call.gridCode, ids, call.gridCode],
      );
      // The grid center checked the dwellings' grids; population holds its own records to the jurisdiction as well.
      const outside = [...households.map((row) => row.grid_code), ...persons.map((row) => row.residence_grid_code)].find((code) => code !== null && !code.startsWith(identity.jurisdiction));
      if (outside)
        throw new HubError(
          ErrorCode.OUT_OF_JURISDICTION,
          `人口（户籍）登记中这些房屋的住户属于网格 ${outside}，不在您的辖区 ${identity.jurisdiction} 内 (residents registered outside your jurisdiction)`,
        );
      const changes: RecordChange[] = [
        ...households.map((row) => ({ recordType: 'household', recordId: row.id, before: { gridCode: row.grid_code }, after: { gridCode: call.gridCode } })),
        ...persons.map((row) => ({
          recordType: 'person',
          recordId: row.id,
          before: { residenceGridCode: row.residence_grid_code, version: row.version - 1 },
          after: { residenceGridCode: call.gridCode, version: row.version },
        })),
      ];
      return { result: { household: households.length, person: persons.length }, resultId: call.gridCode, subjects: persons.map((row) => row.id), changes };
    },
    (tx) => changedBy(tx, identity, call.clientRequestId),
  );
  return { department: 'POPULATION', changed: { ...changed } };
}
