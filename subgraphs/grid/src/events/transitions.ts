import { ErrorCode, HubError, type RequestIdentity } from '@hub/access';
import type { GridEvent, GridEventStatus } from '../entities/grid-event.entity';

/** The departments an event can be dispatched to: those whose purposes may work a queue (see policy.ts). */
export const DISPATCH_DEPARTMENTS = ['POPULATION', 'HOUSING', 'PUBLIC_SECURITY'] as const;

export const GRID_EVENT_ACTIONS = ['REPORT', 'ACCEPT', 'RETURN', 'DISPATCH', 'START', 'HANDLE', 'CLOSE', 'REJECT_HANDLING', 'ESCALATE', 'FOLLOW_UP'] as const;
export type GridEventAction = (typeof GRID_EVENT_ACTIONS)[number];

/** Who makes a step: the role in words for error messages, and the check. */
interface Actor {
  label: string;
  may(identity: RequestIdentity, event: GridEvent): boolean;
}

const GRID_WORKER: Actor = { label: '网格员 (GRID / GRID_WORKER)', may: (who) => who.dept === 'GRID' && who.role === 'GRID_WORKER' };
const DISPATCHER: Actor = { label: '网格中心分拨员 (GRID / OFFICER)', may: (who) => who.dept === 'GRID' && who.role === 'OFFICER' };
const SUPERVISOR: Actor = { label: '督办 (GRID / SUPERVISOR)', may: (who) => who.dept === 'GRID' && who.role === 'SUPERVISOR' };
const ASSIGNED_DEPARTMENT: Actor = {
  label: 'the department the event was dispatched to (OFFICER or SUPERVISOR)',
  may: (who, event) => who.dept === event.assignedDepartment && (who.role === 'OFFICER' || who.role === 'SUPERVISOR'),
};
const CALLER_BACK: Actor = {
  label: 'the reporter or a 网格中心 OFFICER (回访)',
  may: (who, event) => who.dept === 'GRID' && (who.role === 'OFFICER' || who.sub === event.reporterSub),
};

interface Transition {
  from: readonly GridEventStatus[];
  /** null: the status stays (督办 raises the priority, not the status). */
  to: GridEventStatus | null;
  actor: Actor;
}

/**
 * 上报 → 受理 | 退回 → 分拨 → 处置 (IN_PROGRESS → HANDLED) → 结案 (the center confirms) or back to 处置 → 回访.
 * 督办 (ESCALATE) applies to dispatched events still being worked on.
 */
export const TRANSITIONS: Readonly<Record<Exclude<GridEventAction, 'REPORT'>, Transition>> = {
  ACCEPT: { from: ['REPORTED'], to: 'ACCEPTED', actor: DISPATCHER },
  RETURN: { from: ['REPORTED'], to: 'RETURNED', actor: DISPATCHER },
  DISPATCH: { from: ['ACCEPTED'], to: 'DISPATCHED', actor: DISPATCHER },
  START: { from: ['DISPATCHED'], to: 'IN_PROGRESS', actor: ASSIGNED_DEPARTMENT },
  HANDLE: { from: ['IN_PROGRESS'], to: 'HANDLED', actor: ASSIGNED_DEPARTMENT },
  CLOSE: { from: ['HANDLED'], to: 'CLOSED', actor: DISPATCHER },
  REJECT_HANDLING: { from: ['HANDLED'], to: 'IN_PROGRESS', actor: DISPATCHER },
  ESCALATE: { from: ['DISPATCHED', 'IN_PROGRESS'], to: null, actor: SUPERVISOR },
  FOLLOW_UP: { from: ['CLOSED'], to: 'FOLLOWED_UP', actor: CALLER_BACK },
};

export const REPORTER = GRID_WORKER;

/**
 * Whether the caller may see the event at all: within the jurisdiction (grid-code prefix) and, outside the grid
 * center, dispatched to the caller's department. Throws the contract's code, else returns.
 */
export function checkVisible(identity: RequestIdentity, event: Pick<GridEvent, 'id' | 'gridCode' | 'assignedDepartment'>): void {
  if (!event.gridCode.startsWith(identity.jurisdiction)) {
    throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Event ${event.id} (grid ${event.gridCode}) is outside your jurisdiction ${identity.jurisdiction}`);
  }
  if (identity.dept !== 'GRID' && event.assignedDepartment !== identity.dept) {
    throw new HubError(ErrorCode.FORBIDDEN, `Event ${event.id} was not dispatched to ${identity.dept}`);
  }
}

/**
 * The checks of one transition on a locked event, in the order a caller can act on: may they (FORBIDDEN), is
 * their version current (CONFLICT, stale), does the status allow the step (CONFLICT, naming status and step).
 */
export function checkTransition(action: Exclude<GridEventAction, 'REPORT'>, identity: RequestIdentity, event: GridEvent, expectedVersion: number): Transition {
  const transition = TRANSITIONS[action];
  checkVisible(identity, event);
  if (!transition.actor.may(identity, event)) {
    throw new HubError(ErrorCode.FORBIDDEN, `${action} of event ${event.id} is for ${transition.actor.label}; you are ${identity.dept} / ${identity.role}`);
  }
  if (event.version !== expectedVersion) {
    throw new HubError(ErrorCode.CONFLICT, `事件已被他人更新 (event ${event.id} is at version ${event.version}, you saw ${expectedVersion}): reload it and decide again`);
  }
  if (!transition.from.includes(event.status)) {
    throw new HubError(ErrorCode.CONFLICT, `状态不允许此操作 (${action} needs status ${transition.from.join(' or ')}; event ${event.id} is ${event.status})`);
  }
  return transition;
}
