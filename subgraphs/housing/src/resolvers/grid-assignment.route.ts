import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedGridAssignmentCall, type GridAssignmentAnswer } from '@hub/access';
import { auditedWrite, type RecordChange } from '@hub/audit';
import { Dwelling } from '../entities/dwelling.entity';
import { DWELLING_GRID_COPY } from '../policy';
import type { HousingContext } from './context';

/** The operation under which housing's copy follows a boundary change, in `write_request` and `record_change`. */
export const APPLY_GRID_ASSIGNMENT = 'applyGridAssignment';

const changedBy = async (tx: EntityManager, identity: HousingContext['identity'], clientRequestId: string) => {
  const rows = await tx.execute<Array<{ n: string }>>(`select count(*) as n from record_change where operation = ? and changed_by = ? and client_request_id = ?`, [
    APPLY_GRID_ASSIGNMENT,
    identity.sub,
    clientRequestId,
  ]);
  return Number(rows[0]?.n ?? 0);
};

/** How many dwellings a refusal names; the rest are counted. */
const NAMED_IN_A_REFUSAL = 20;

/** The dwellings a refusal names, the first NAMED_IN_A_REFUSAL of them and how many in all: in Chinese and in English. */
function namedDwellings(ids: string[]): { zh: string; en: string } {
  const named = ids.slice(0, NAMED_IN_A_REFUSAL);
  const more = ids.length - named.length;
  return { zh: `${named.join('、')}${more ? ` 等 ${ids.length} 套` : ''}`, en: `${named.join(', ')}${more ? ` and ${more} more` : ''}` };
}

/**
 * `POST /internal/grid-assignment` {clientRequestId, dwellingIds, gridCode}: the grid center moved these dwellings into
 * this grid (网格划分调整), and housing's copy (`dwelling.grid_code`) follows, in housing's own transaction, with the
 * before and after of each dwelling that changed. Once under retry: the grid center's client request id is claimed
 * here too, and a retry answers without writing. A dwelling housing does not have refuses the whole change
 * (BAD_USER_INPUT, naming it), and so does, in this order, one outside the supervisor's jurisdiction
 * (OUT_OF_JURISDICTION) and one whose community (`regionCode`, of its address) is not the grid's (BAD_USER_INPUT,
 * naming it and both communities).
 */
export async function applyGridAssignment({ em, identity, via }: HousingContext, _params: URLSearchParams, body?: unknown): Promise<GridAssignmentAnswer> {
  const call = checkedGridAssignmentCall(identity, via, DWELLING_GRID_COPY, body);
  const changed = await auditedWrite<EntityManager, number>(
    em,
    identity,
    { operation: APPLY_GRID_ASSIGNMENT, clientRequestId: call.clientRequestId, input: { dwellingIds: call.dwellingIds, gridCode: call.gridCode }, fieldClass: DWELLING_GRID_COPY.fieldClass },
    async (tx) => {
      const dwellings = await tx.find(Dwelling, { id: { $in: call.dwellingIds } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      const known = new Set(dwellings.map((dwelling) => dwelling.id));
      const unknown = call.dwellingIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        const named = namedDwellings(unknown);
        throw new HubError(ErrorCode.BAD_USER_INPUT, `没有这些房屋：${named.zh} (housing has no dwelling ${named.en})`);
      }
      const outside = dwellings.filter((dwelling) => !(dwelling.gridCode ?? dwelling.regionCode).startsWith(identity.jurisdiction));
      if (outside.length > 0) {
        throw new HubError(
          ErrorCode.OUT_OF_JURISDICTION,
          `Dwelling ${outside[0].id} is outside your jurisdiction ${identity.jurisdiction} (housing records it in ${outside[0].gridCode ?? outside[0].regionCode})`,
        );
      }
      // A 网格 subdivides a 社区: a dwelling moved into a grid of another community would be in one community at
      // housing (its address) and in a grid of another one everywhere else. That is a 行政区划调整, not this change.
      const community = call.gridCode.slice(0, 12);
      const elsewhere = dwellings.filter((dwelling) => dwelling.regionCode !== community);
      if (elsewhere.length > 0) {
        const named = namedDwellings(elsewhere.map((dwelling) => dwelling.id));
        const theirs = [...new Set(elsewhere.map((dwelling) => dwelling.regionCode))];
        throw new HubError(
          ErrorCode.BAD_USER_INPUT,
          `房屋 ${named.zh} 属于社区 ${theirs.join('、')}，不能划入社区 ${community} 的网格 ${call.gridCode}：网格划分调整只在同一社区内进行，跨社区调整属于行政区划调整 ` +
            `(dwelling ${named.en} of community ${theirs.join(', ')} cannot go into grid ${call.gridCode} of community ${community}: a grid boundary change stays within one community)`,
        );
      }
      const changes: RecordChange[] = [];
      for (const dwelling of dwellings) {
        if (dwelling.gridCode === call.gridCode) continue;
        // The version moves too: a form opened on the dwelling before the change is then CONFLICT, not a write over it.
        changes.push({
          recordType: 'dwelling',
          recordId: dwelling.id,
          before: { gridCode: dwelling.gridCode, version: dwelling.version },
          after: { gridCode: call.gridCode, version: dwelling.version + 1 },
        });
        dwelling.gridCode = call.gridCode;
        dwelling.version += 1;
      }
      await tx.flush();
      return { result: changes.length, resultId: call.gridCode, subjects: [], changes };
    },
    (tx) => changedBy(tx, identity, call.clientRequestId),
  );
  return { department: 'HOUSING', changed: { dwelling: changed } };
}
