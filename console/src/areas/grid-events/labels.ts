/** The grid events' codes in Chinese (ADR 0012): statuses, priorities, history actions, SLA lights. */

export const STATUS_LABELS: Record<string, string> = {
  REPORTED: '已上报',
  ACCEPTED: '已受理',
  RETURNED: '已退回',
  DISPATCHED: '已分拨',
  IN_PROGRESS: '处置中',
  HANDLED: '已处置',
  CLOSED: '已结案',
  FOLLOWED_UP: '已回访',
};

export const STATUS_COLORS: Record<string, string> = {
  REPORTED: 'blue',
  ACCEPTED: 'cyan',
  RETURNED: 'default',
  DISPATCHED: 'geekblue',
  IN_PROGRESS: 'processing',
  HANDLED: 'purple',
  CLOSED: 'success',
  FOLLOWED_UP: 'success',
};

export const PRIORITY_LABELS: Record<string, string> = { NORMAL: '一般', URGENT: '紧急', CRITICAL: '特急' };

export const ACTION_LABELS: Record<string, string> = {
  REPORT: '上报',
  ACCEPT: '受理',
  RETURN: '退回',
  DISPATCH: '分拨',
  START: '开始处置',
  HANDLE: '处置完毕',
  CLOSE: '结案',
  REJECT_HANDLING: '退回重办',
  ESCALATE: '督办',
  FOLLOW_UP: '回访',
};

/** The departments an event can be dispatched to (the API's DISPATCH_DEPARTMENTS). */
export const DISPATCH_DEPARTMENTS = ['POPULATION', 'HOUSING', 'PUBLIC_SECURITY'] as const;

/** The purposes the three departments work their queue under. */
export const QUEUE_DEPARTMENTS = ['POPULATION', 'HOUSING', 'PUBLIC_SECURITY'] as const;

export const SATISFACTION_LABELS: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };

export const statusLabel = (status: string | null | undefined) => (status ? (STATUS_LABELS[status] ?? status) : '—');
export const priorityLabel = (priority: string | null | undefined) => (priority ? (PRIORITY_LABELS[priority] ?? priority) : '—');
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** Hours as the offices say them: "72 小时（3 天）", "15 秒" for a test's quick category. */
export function hoursLabel(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 1 / 60) return `${Math.round(hours * 3600)} 秒`;
  if (hours < 1) return `${Math.round(hours * 60)} 分钟`;
  const text = `${Number.isInteger(hours) ? hours : hours.toFixed(1)} 小时`;
  return hours % 24 === 0 ? `${text}（${hours / 24} 天）` : text;
}

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/**
 * The deadline the API will set when an event is dispatched now (the dispatcher sees it before choosing): the
 * grid subgraph's rule — whole days run to 23:59:59 of that day in China, shorter limits by the hour. The
 * event's page then shows the deadline the API fixed.
 */
export function expectedDeadline(dispatchAt: number, hours: number): Date {
  const due = dispatchAt + hours * HOUR_MS;
  if (hours % 24 !== 0) return new Date(due);
  const msOfDay = (due + CHINA_OFFSET_MS) % DAY_MS;
  return msOfDay === 0 ? new Date(due - 1000) : new Date(due - msOfDay + DAY_MS - 1000);
}
