import { ErrorCode, HubError } from './errors';
import type { RequestIdentity } from './identity';
import { checkedDwellingId } from './input';
import { outcomeFor, type FieldRule } from './policy';

/**
 * 网格划分调整 (issue #14): the grid center moves dwellings into a grid, and the departments that keep a copy of a
 * dwelling's grid (housing's `dwelling.grid_code`, population's `household.grid_code` / `person.residence_grid_code`,
 * public security's `floating_registration.grid_code` of an ACTIVE registration) apply it to their own records at
 * this internal route, called by the grid subgraph inside its write with the gateway's onward token for it
 * (ONWARD_CALLS).
 */
export const GRID_ASSIGNMENT_ROUTE = 'grid-assignment';

/** The root field whose resolver calls the route: the only one the gateway grants an onward token for it with. */
export const GRID_ASSIGNMENT_FIELD = 'assignDwellingsToGrid';

/** At most this many dwellings in one boundary change (a page of the grid's dwellings). */
export const MAX_GRID_ASSIGNMENT_DWELLINGS = 500;

const GRID_CODE = /^\d{15}$/;

/** What the grid center sends: the dwellings, their grid from now on, and the client's id of the grid's write. */
export interface GridAssignmentBody {
  clientRequestId: string;
  dwellingIds: string[];
  gridCode: string;
}

/** What a department answers once its copy follows: how many of its records the change moved, by record type (a retry answers the same). */
export interface GridAssignmentAnswer {
  department: string;
  changed: Record<string, number>;
}

/** The dwellings of one boundary change: 1 to 500 dwelling ids, each once. */
export function checkedDwellingIds(dwellingIds: unknown): string[] {
  if (!Array.isArray(dwellingIds) || dwellingIds.length === 0 || dwellingIds.length > MAX_GRID_ASSIGNMENT_DWELLINGS) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `dwellingIds must list 1 to ${MAX_GRID_ASSIGNMENT_DWELLINGS} dwellings`);
  }
  const ids = dwellingIds.map((id, index) => checkedDwellingId(typeof id === 'string' ? id : '', `dwellingIds[${index}]`));
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice) throw new HubError(ErrorCode.BAD_USER_INPUT, `dwellingIds names dwelling ${twice} twice`);
  return ids;
}

/**
 * The department's side of the route: only the grid subgraph's call (an onward token `via` grid for this route,
 * which the gateway grants for `assignDwellingsToGrid` alone), for a user the department's own row allows (the grid
 * center's supervisor under GRID_SERVICE), with a well-formed body whose grid lies within the user's jurisdiction.
 */
export function checkedGridAssignmentCall(identity: RequestIdentity, via: string | undefined, rule: FieldRule, body: unknown): GridAssignmentBody {
  if (via !== 'grid') {
    throw new HubError(ErrorCode.FORBIDDEN, `/internal/${GRID_ASSIGNMENT_ROUTE} answers the grid center's ${GRID_ASSIGNMENT_FIELD} only (a token from ${via ?? 'the gateway itself'})`);
  }
  if (outcomeFor(rule, identity.purpose) !== 'CLEAR' || (rule.roles && !rule.roles.includes(identity.role))) {
    throw new HubError(
      ErrorCode.FORBIDDEN,
      `${rule.fieldClass} is for ${(rule.roles ?? []).join(' or ') || 'no role'} under GRID_SERVICE; you are ${identity.dept} / ${identity.role} / ${identity.purpose}`,
    );
  }
  const input = (body ?? {}) as Partial<GridAssignmentBody>;
  if (typeof input.gridCode !== 'string' || !GRID_CODE.test(input.gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'gridCode must be a 15-digit grid code');
  if (!input.gridCode.startsWith(identity.jurisdiction)) {
    throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${input.gridCode} is outside your jurisdiction ${identity.jurisdiction}`);
  }
  if (typeof input.clientRequestId !== 'string') throw new HubError(ErrorCode.BAD_USER_INPUT, 'clientRequestId is missing');
  return { clientRequestId: input.clientRequestId, dwellingIds: checkedDwellingIds(input.dwellingIds), gridCode: input.gridCode };
}
