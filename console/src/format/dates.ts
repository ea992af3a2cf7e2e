/**
 * Dates as the offices read them: China's calendar (UTC+8 all year), written 2026年12月02日. Dates without a
 * time (YYYY-MM-DD) are calendar dates already and are never shifted.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-12-02" → "2026年12月02日"; "1985" (a masked birth date: year only) → "1985年". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}$/.test(value)) return `${value}年`;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}年${m[2]}月${m[3]}日`;
  return formatDateTime(value);
}

/** An instant (ISO 8601) as China's wall-clock time: "2026年12月02日 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Today in China as YYYY-MM-DD (what the API's date arguments take). */
export function todayInChina(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from today (China) to a YYYY-MM-DD date; negative when it has passed. */
export function daysUntil(date: string, now = Date.now()): number {
  const today = Date.parse(`${todayInChina(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / 86_400_000);
}
