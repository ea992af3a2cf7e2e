/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). The district is generated as of a fixed
 * "today" so that ages, expiries and the last three income months never depend on the wall clock.
 */
export const SEED_TODAY = '2026-11-25';

const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function parseDay(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return dayOf(year, month, day);
}

export const TODAY = parseDay(SEED_TODAY);

const formatted: string[] = [];
const FORMAT_BASE = dayOf(1900, 1, 1);

/** YYYY-MM-DD (memoised: a district formats the same ~50,000 dates millions of times). */
export function formatDay(day: number): string {
  const slot = day - FORMAT_BASE;
  const hit = formatted[slot];
  if (hit !== undefined) return hit;
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (slot >= 0 && slot < 80_000) formatted[slot] = text;
  return text;
}

/** The same calendar date `years` later (29 February falls back to 28 February). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const dayOfMonth = Math.min(date.getUTCDate(), month === 1 && !isLeapYear(year) ? 28 : 31);
  return Date.UTC(year, month, dayOfMonth) / MS_PER_DAY;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day `years` years before TODAY: a person born after `yearsAgo(a + 1)` and on or before `yearsAgo(a)` is `a` years old. */
export function yearsAgo(years: number): number {
  return addYears(TODAY, -years);
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The first day of the month `monthsBack` months before TODAY's month (1 = last month). */
export function monthStart(monthsBack: number): number {
  const at = new Date(TODAY * MS_PER_DAY);
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - monthsBack, 1) / MS_PER_DAY;
}

/** The three full months before TODAY, oldest first: the income-declaration months. */
export const INCOME_MONTHS: readonly number[] = [monthStart(3), monthStart(2), monthStart(1)];
