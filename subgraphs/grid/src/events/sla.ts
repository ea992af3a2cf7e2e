import type { GridEvent } from '../entities/grid-event.entity';

/** Past this share of its time an open event turns YELLOW (issue #10: "past 80 % of its time"). */
export const YELLOW_SHARE = 0.8;

export type SlaLight = 'GREEN' | 'YELLOW' | 'RED';

/** The statuses in which the department's clock runs (HANDLED is judged at the moment it was handled). */
export const DEADLINE_STATUSES = ['DISPATCHED', 'IN_PROGRESS', 'HANDLED'] as const;

/**
 * GREEN, YELLOW (past 80 % of its time) or RED (past the deadline), for an event whose department clock runs;
 * null before dispatch and once closed or returned. A HANDLED event keeps the light it had when it was handled.
 */
export function slaLight(event: Pick<GridEvent, 'status' | 'dispatchedAt' | 'deadline' | 'handledAt'>, now: Date = new Date()): SlaLight | null {
  if (!(DEADLINE_STATUSES as readonly string[]).includes(event.status) || !event.deadline || !event.dispatchedAt) return null;
  const at = event.status === 'HANDLED' && event.handledAt ? event.handledAt : now;
  const deadline = event.deadline.getTime();
  if (at.getTime() > deadline) return 'RED';
  const total = deadline - event.dispatchedAt.getTime();
  const elapsed = at.getTime() - event.dispatchedAt.getTime();
  return total <= 0 || elapsed >= YELLOW_SHARE * total ? 'YELLOW' : 'GREEN';
}
