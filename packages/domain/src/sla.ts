import { chinaClock } from './clock';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** An event's priority (网格事件 优先级): the SLA hours are set per priority in the event-category code table. */
export type EventPriority = 'NORMAL' | 'URGENT' | 'CRITICAL';

/** A category's SLA hours per priority (numeric columns may arrive as strings from the driver). */
export interface SlaHours {
  slaHoursNormal: number | string;
  slaHoursUrgent: number | string;
  slaHoursCritical: number | string;
}

/** The hours a department has for an event of this category at this priority. */
export function slaHoursFor(category: SlaHours, priority: EventPriority): number {
  const hours = { NORMAL: category.slaHoursNormal, URGENT: category.slaHoursUrgent, CRITICAL: category.slaHoursCritical }[priority];
  return Number(hours);
}

/**
 * The deadline of an event dispatched at `dispatchedAt` with `hours` to go. Whole days (a multiple of 24 hours,
 * the offices' "3 天") run to the end of that day in China — an event dispatched at 16:00 with 3 days is due
 * by 23:59:59 three days later, China time, whatever the server's zone; shorter limits run by the hour.
 * Shared by the grid subgraph (分拨) and the seeded history, so that both compute one deadline.
 */
export function deadlineFor(dispatchedAt: Date, hours: number): Date {
  const due = dispatchedAt.getTime() + hours * HOUR_MS;
  if (hours % 24 !== 0) return new Date(due);
  const { msOfDay } = chinaClock(due);
  return msOfDay === 0 ? new Date(due - 1000) : new Date(due - msOfDay + DAY_MS - 1000);
}
