import { chinaClock } from '@hub/domain';
import type { EventCategory } from '../entities/event-category.entity';
import type { GridEvent, GridEventPriority } from '../entities/grid-event.entity';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** Past this share of its time an open event turns YELLOW (issue #10: "past 80 % of its time"). */
export const YELLOW_SHARE = 0.8;

export type SlaLight = 'GREEN' | 'YELLOW' | 'RED';

/** The statuses in which the department's clock runs (HANDLED is judged at the moment it was handled). */
export const DEADLINE_STATUSES = ['DISPATCHED', 'IN_PROGRESS', 'HANDLED'] as const;

export function slaHoursFor(category: Pick<EventCategory, 'slaHoursNormal' | 'slaHoursUrgent' | 'slaHoursCritical'>, priority: GridEventPriority): number {
  const hours = { NORMAL: category.slaHoursNormal, URGENT: category.slaHoursUrgent, CRITICAL: category.slaHoursCritical }[priority];
  return Number(hours);
}

/**
 * The deadline of an event dispatched at `dispatchedAt` with `hours` to go. Whole days (a multiple of 24 hours,
 * the offices' "3 天") run to the end of that day in China — an event dispatched at 16:00 with 3 days is due
 * by 23:59:59 three days later, China time, whatever the server's zone; shorter limits run by the hour.
 */
export function deadlineFor(dispatchedAt: Date, hours: number): Date {
  const due = dispatchedAt.getTime() + hours * HOUR_MS;
  if (hours % 24 !== 0) return new Date(due);
  const { msOfDay } = chinaClock(due);
  return msOfDay === 0 ? new Date(due - 1000) : new Date(due - msOfDay + DAY_MS - 1000);
}

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
