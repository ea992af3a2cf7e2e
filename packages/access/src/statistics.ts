import type { Purpose } from './identity';
import { outcomeFor, type FieldRule } from './policy';

/** Counts below this are small enough to point at people: reported as "<5" (statistical disclosure control). */
export const SMALL_COUNT_THRESHOLD = 5;
export const SUPPRESSED_COUNT = `<${SMALL_COUNT_THRESHOLD}`;

/**
 * A count in aggregate statistics (e.g. the grid summary), as digits or "<5". The exact small count is given
 * only to a purpose the policy allows every underlying record (each rule not DENIED): whoever may list the
 * assistance recipients of a grid learns nothing new from "3", anyone else might, so gets "<5". Counts of 5 or
 * more are given as they are to every purpose allowed the statistic at all.
 */
export function reportedCount(count: number, purpose: Purpose, underlying: readonly FieldRule[]): string {
  const mayListRecords = underlying.every((rule) => outcomeFor(rule, purpose) !== 'DENIED');
  return count < SMALL_COUNT_THRESHOLD && !mayListRecords ? SUPPRESSED_COUNT : String(count);
}
