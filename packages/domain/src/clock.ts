/** China's offset from UTC: UTC+8 all year (no daylight saving since 1991). */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The offices' calendar: the date (YYYY-MM-DD) and the milliseconds since midnight in China. */
export function chinaClock(now = Date.now()): { date: string; msOfDay: number } {
  const local = now + CHINA_OFFSET_MS;
  return { date: new Date(local).toISOString().slice(0, 10), msOfDay: local % DAY_MS };
}

/** Today's date (YYYY-MM-DD) in China. */
export function todayInChina(now = Date.now()): string {
  return chinaClock(now).date;
}

/** A moment as ISO 8601 in China's time: 2026-12-04T16:05:00+08:00 (null stays null). */
export function chinaIso(date: Date | null | undefined): string | null {
  if (!date) return null;
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}
