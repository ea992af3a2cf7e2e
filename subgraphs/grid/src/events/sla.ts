import type { GridEvent } from '../entities/grid-event.entity';

// The pure SLA arithmetic lives in @hub/domain, so that the seeded history computes the same deadlines.
export { deadlineFor, slaHoursFor } from '@hub/domain';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

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

/** ISO 8601 in China's time: 2026-12-04T16:05:00+08:00. */
export function chinaIso(date: Date | null | undefined): string | null {
  if (!date) return null;
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}
