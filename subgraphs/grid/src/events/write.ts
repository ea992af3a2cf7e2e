import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestIdentity } from '@hub/access';
import { AuditRecorder, appendAccessEvents, type SqlExecutor } from '@hub/audit';
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

/**
 * The write's access-log rows, appended inside the transition's own transaction: the step, the event row and
 * the audit commit together or not at all. One row per person involved (the log is read per person), else one.
 */
export async function appendWriteAudit(tx: EntityManager, identity: RequestIdentity, action: GridEventAction, event: GridEvent): Promise<void> {
  const writes = new AuditRecorder(identity);
  const fieldClass = `grid.event.${action.toLowerCase()}`;
  for (const subject of event.personIds.length > 0 ? event.personIds : [null]) writes.note(subject, fieldClass, 'CLEAR');
  const transaction = tx.getTransactionContext<ReturnType<SqlExecutor['getKnex']>>();
  if (!transaction) throw new Error('appendWriteAudit must run inside the transition transaction');
  await appendAccessEvents({ getKnex: () => transaction }, writes.events());
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
