import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestIdentity } from '@hub/access';
import { appendWriteAudit } from '@hub/audit';
import { GridEventStepRow } from '../entities/grid-event-step.entity';
import type { GridEvent } from '../entities/grid-event.entity';
import type { GridEventAction } from './transitions';

/** The state a step records before and after: what the loop decides on, not the description or attachments. */
export function snapshot(event: GridEvent): Record<string, unknown> {
  return {
    status: event.status,
    priority: event.priority,
    categoryCode: event.categoryCode,
    gridCode: event.gridCode,
    assignedDepartment: event.assignedDepartment,
    deadline: event.deadline?.toISOString() ?? null,
    slaHours: event.slaHours === null ? null : Number(event.slaHours),
    returnReason: event.returnReason,
    handlingResult: event.handlingResult,
    satisfaction: event.satisfaction,
    escalationCount: event.escalationCount,
    version: event.version,
  };
}

export function stepRow(
  event: GridEvent,
  action: GridEventAction,
  identity: RequestIdentity,
  at: Date,
  fromStatus: string | null,
  before: Record<string, unknown> | null,
  note: string | null,
): GridEventStepRow {
  return Object.assign(new GridEventStepRow(), {
    eventId: event.id,
    action,
    fromStatus,
    toStatus: event.status,
    actorSub: identity.sub,
    actorName: identity.name,
    actorDepartment: identity.dept,
    actorRole: identity.role,
    requestId: identity.requestId,
    at,
    note,
    beforeState: before,
    afterState: snapshot(event),
  });
}

/** The transition's access-log rows, in its own transaction: one per person involved (the log is read per person), else one. */
export async function appendTransitionAudit(tx: EntityManager, identity: RequestIdentity, action: GridEventAction, event: GridEvent): Promise<void> {
  await appendWriteAudit(tx, identity, event.personIds, `grid.event.${action.toLowerCase()}`);
}

/**
 * A test-only pause inside an open transition transaction, so that a test can kill the process mid-transition.
 * Honoured only when NODE_ENV=test: production never reads the variable.
 */
export async function testOnlyPauseInTransaction(): Promise<void> {
  if (process.env.NODE_ENV !== 'test') return;
  const ms = Number(process.env.GRID_EVENT_TEST_PAUSE_IN_TRANSACTION_MS);
  if (!Number.isFinite(ms) || ms <= 0) return;
  await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 60_000)));
}
