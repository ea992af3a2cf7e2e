/**
 * A year of grid events (网格事件, issue #10) per grid, up to the seed's "now": reported by the grid's workers,
 * sorted and dispatched by the street's grid center, handled by the department, closed and called back (回访) —
 * most on time, some late, a few stalled (still open and overdue), some returned, some escalated (督办).
 * One row per event carries the timestamp of each step; the append-only step history is derived from these
 * columns after the load (event-history.ts), because `grid_event.id` is an identity the database assigns.
 */
import { CHINA_OFFSET_MS, deadlineFor, slaHoursFor, type EventPriority } from '@hub/domain';
import { TODAY } from './dates';
import { Random, weightedTable } from './random';
import type { Row } from './tables';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60 * 1000;

/** The seed's "now": noon of SEED_TODAY in China. Steps after it have not happened yet. */
export const SEED_NOW_MS = TODAY * DAY_MS + 12 * HOUR_MS - CHINA_OFFSET_MS;
/** How far back the history reaches. */
export const EVENT_HISTORY_WEEKS = 52;
/** Mean events reported per grid per week ("a few"). */
export const EVENTS_PER_GRID_WEEK = 2.5;

/** The departments events can be dispatched to (the grid subgraph's DISPATCH_DEPARTMENTS). */
export type DispatchDepartment = 'POPULATION' | 'HOUSING' | 'PUBLIC_SECURITY';

export interface SeedEventCategory {
  code: string;
  name: string;
  /** The category's default department; null ones go to `fallback` (see below). */
  defaultDepartment: DispatchDepartment | null;
  normal: number;
  urgent: number;
  critical: number;
  /** Relative frequency among reported events [I]. */
  weight: number;
  /** Where the grid center sends it when the code table names no department [I]: 派出所 mediates disputes, 住建 the estate's rubbish, 户籍 the lone elderly's papers. */
  fallback?: DispatchDepartment;
}

/**
 * The sub-classes of the event-category code table valid from 2026-01-01 (grid migration
 * Migration20261204000000_grid_events), with the SLA hours it sets. The seeds may not import a subgraph, so the
 * rows are repeated here; the seeds' database test compares every seeded deadline with the table itself.
 */
export const SEED_EVENT_CATEGORIES: readonly SeedEventCategory[] = [
  { code: '0101', name: '婚恋家庭纠纷', defaultDepartment: null, normal: 72, urgent: 24, critical: 8, weight: 4, fallback: 'PUBLIC_SECURITY' },
  { code: '0102', name: '邻里纠纷', defaultDepartment: null, normal: 72, urgent: 24, critical: 8, weight: 12, fallback: 'PUBLIC_SECURITY' },
  { code: '0104', name: '物权纠纷', defaultDepartment: 'HOUSING', normal: 168, urgent: 72, critical: 24, weight: 4 },
  { code: '0107', name: '劳动人事争议', defaultDepartment: null, normal: 168, urgent: 72, critical: 24, weight: 2, fallback: 'POPULATION' },
  { code: '0201', name: '消防安全隐患', defaultDepartment: 'PUBLIC_SECURITY', normal: 48, urgent: 12, critical: 4, weight: 8 },
  { code: '0202', name: '燃气安全隐患', defaultDepartment: 'HOUSING', normal: 48, urgent: 12, critical: 4, weight: 3 },
  { code: '0203', name: '房屋安全隐患', defaultDepartment: 'HOUSING', normal: 72, urgent: 24, critical: 8, weight: 5 },
  { code: '0204', name: '电动自行车违规充电', defaultDepartment: 'PUBLIC_SECURITY', normal: 48, urgent: 24, critical: 4, weight: 10 },
  { code: '0301', name: '治安隐患', defaultDepartment: 'PUBLIC_SECURITY', normal: 48, urgent: 24, critical: 4, weight: 5 },
  { code: '0302', name: '可疑人员情况', defaultDepartment: 'PUBLIC_SECURITY', normal: 24, urgent: 8, critical: 2, weight: 2 },
  { code: '0401', name: '垃圾堆放', defaultDepartment: null, normal: 72, urgent: 24, critical: 8, weight: 14, fallback: 'HOUSING' },
  { code: '0402', name: '违章搭建', defaultDepartment: 'HOUSING', normal: 168, urgent: 72, critical: 24, weight: 6 },
  { code: '0501', name: '户籍证件代办', defaultDepartment: 'POPULATION', normal: 72, urgent: 48, critical: 24, weight: 6 },
  { code: '0502', name: '房屋租赁登记', defaultDepartment: 'HOUSING', normal: 72, urgent: 48, critical: 24, weight: 5 },
  { code: '0601', name: '独居老人关爱', defaultDepartment: null, normal: 72, urgent: 24, critical: 8, weight: 5, fallback: 'POPULATION' },
  { code: '0602', name: '流动人口服务', defaultDepartment: 'PUBLIC_SECURITY', normal: 72, urgent: 24, critical: 8, weight: 4 },
  { code: '0701', name: '人口信息纠错', defaultDepartment: 'POPULATION', normal: 168, urgent: 72, critical: 24, weight: 3 },
  { code: '0702', name: '房屋信息纠错', defaultDepartment: 'HOUSING', normal: 168, urgent: 72, critical: 24, weight: 2 },
  { code: '0703', name: '流动人口登记纠错', defaultDepartment: 'PUBLIC_SECURITY', normal: 168, urgent: 72, critical: 24, weight: 2 },
];

const CATEGORY_TABLE = weightedTable(SEED_EVENT_CATEGORIES.map((category) => [category, category.weight] as const));
const PRIORITY_TABLE = weightedTable<EventPriority>([
  ['NORMAL', 80],
  ['URGENT', 16],
  ['CRITICAL', 4],
]);

/** What a 网格员 writes, per main class (the address is added). */
const DESCRIPTIONS: Record<string, readonly string[]> = {
  '01': ['两户居民因琐事发生争执，情绪激动，需调解', '住户反映与邻居长期矛盾，要求协调处理', '居民家庭内部矛盾，当事人请求网格员协助化解'],
  '02': ['楼道内堆放杂物，堵塞消防通道', '发现安全隐患，已提醒住户，需相关部门核查整改', '楼道内有电动自行车充电，存在火灾隐患'],
  '03': ['巡查发现可疑情况，已拍照留存，请核查', '居民反映夜间有陌生人员徘徊，请关注'],
  '04': ['小区垃圾清运不及时，堆放多日', '发现私自搭建构筑物，影响通行'],
  '05': ['居民需办理相关证件，行动不便，请求上门服务', '租户请求协助办理租赁登记'],
  '06': ['走访发现独居老人生活困难，需关爱帮扶', '新入住流动人员需提供服务和登记指引'],
  '07': ['入户核查发现登记信息与实际不符，请核实更正', '系统记录与现场情况不一致，请主管部门核实'],
};
const RETURN_REASONS = ['经核实不属于网格事件受理范围，已告知上报人', '重复上报，已并入此前事件', '信息不完整，请补充现场照片后重新上报'];
const HANDLING_RESULTS = ['已到现场核查并督促整改，隐患已消除', '已组织双方调解，达成一致意见', '已上门办理完毕，当事人无异议', '已核实并更正相关记录', '已协调物业清理完毕'];
const FOLLOW_UP_NOTES = ['当事人表示满意', '回访时问题未再出现', '当事人认为处理较慢', null];
const ESCALATION_NOTE = '已超期，请加快处置并反馈';

/** A worker of the grid roster (grid_worker rows of that grid, in roster order). */
export interface RosterWorker {
  id: string;
  name: string;
  role: string;
}

/**
 * The user id a worker reports under. The development sign-in names a grid worker signed in at a 15-digit grid code
 * `dev-grid-<grid code>` (gateway/src/token.ts), so the grid's first 网格员 (role GRID_WORKER) is that identity: who
 * signs in there finds "reported by me" and their own 考核 row filled. The others report under their roster id
 * (`npm run token -- --dept GRID --jurisdiction <grid> --sub W…` signs in as one of them).
 */
export function reporterSubs(gridCode: string, workers: readonly RosterWorker[]): string[] {
  const first = workers.findIndex((worker) => worker.role === 'GRID_WORKER');
  return workers.map((worker, i) => (i === first ? `dev-grid-${gridCode}` : worker.id));
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A China-time instant on `day` (days since epoch) at `minuteOfDay`. */
function chinaInstant(day: number, minuteOfDay: number): number {
  return day * DAY_MS + minuteOfDay * MINUTE_MS - CHINA_OFFSET_MS;
}

function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

interface Dwelling {
  id: string;
  address: string;
}

/** The events of one grid over the history's year, oldest first. */
export function gridEventRows(seed: number, gridCode: string, workers: readonly RosterWorker[], dwellings: readonly Dwelling[]): Row[] {
  if (workers.length === 0) return [];
  const random = new Random(seed, `events:${gridCode}`);
  const subs = reporterSubs(gridCode, workers);
  const rows: Row[] = [];
  const firstDay = TODAY - EVENT_HISTORY_WEEKS * 7 + 1;
  for (let week = 0; week < EVENT_HISTORY_WEEKS; week++) {
    const reports: number[] = [];
    for (let n = poisson(random, EVENTS_PER_GRID_WEEK); n > 0; n--) {
      // Working hours of the 网格员's patrol, 08:00–19:00 China time.
      reports.push(chinaInstant(firstDay + week * 7 + random.int(0, 6), random.int(8 * 60, 19 * 60)));
    }
    for (const reportedAt of reports.sort((a, b) => a - b)) {
      if (reportedAt > SEED_NOW_MS) continue;
      const w = random.int(0, workers.length - 1);
      rows.push(eventRow(random, gridCode, workers[w].name, subs[w], reportedAt, dwellings.length ? random.pick(dwellings) : null));
    }
  }
  return rows;
}

function eventRow(random: Random, gridCode: string, reporterName: string, reporterSub: string, reportedAt: number, dwelling: Dwelling | null): Row {
  const category = random.weighted(CATEGORY_TABLE);
  let priority = random.weighted(PRIORITY_TABLE);
  const address = dwelling?.address ?? '网格内公共区域';
  const description = `${address}：${random.pick(DESCRIPTIONS[category.code.slice(0, 2)])}`;
  const minutes = (from: number, to: number) => random.int(from, to) * MINUTE_MS;
  const happened = (at: number | null) => (at !== null && at <= SEED_NOW_MS ? at : null);

  // Every draw is made whatever the outcome, so that one event's cut by "now" never shifts the next event's draws.
  const returned = random.chance(0.05);
  const sortedAt = reportedAt + minutes(10, 6 * 60);
  const dispatchedAt0 = sortedAt + minutes(5, 3 * 60);
  const department = category.defaultDepartment ?? category.fallback!;
  const hours = slaHoursFor({ slaHoursNormal: category.normal, slaHoursUrgent: category.urgent, slaHoursCritical: category.critical }, priority);
  const deadline0 = deadlineFor(new Date(dispatchedAt0), hours).getTime();
  const span = deadline0 - dispatchedAt0;
  const pace = random.next();
  // 85 % handled within the time, 12 % late, 3 % stalled for weeks (the overdue list's long tail).
  const handleAfter = pace < 0.85 ? span * (0.15 + 0.8 * random.next()) : pace < 0.97 ? span * (1.05 + 1.5 * random.next()) : (10 + 50 * random.next()) * DAY_MS;
  const handledAt0 = dispatchedAt0 + Math.max(handleAfter, 20 * MINUTE_MS);
  const startedAt0 = dispatchedAt0 + Math.min(minutes(15, 24 * 60), (handledAt0 - dispatchedAt0) / 2);
  const closedAt0 = handledAt0 + minutes(30, 48 * 60);
  const followedUp = random.chance(0.9);
  const followedUpAt0 = closedAt0 + minutes(12 * 60, 7 * 24 * 60);
  const late = handledAt0 > deadline0;
  const satisfaction = late ? random.int(2, 4) : random.weighted(SATISFACTION_ON_TIME);
  // 督办: a supervisor escalates most events still open a few hours past their deadline (never a CRITICAL one: nothing to raise).
  const escalatedAt0 = late && priority !== 'CRITICAL' && random.chance(0.7) ? deadline0 + minutes(4 * 60, 24 * 60) + 7000 : null;
  const handlingResult = random.pick(HANDLING_RESULTS);
  const followUpNote = random.pick(FOLLOW_UP_NOTES);
  const returnReason = random.pick(RETURN_REASONS);

  const row: Row = {
    category_code: category.code,
    grid_code: gridCode,
    address,
    dwelling_id: dwelling?.id ?? null,
    description,
    priority,
    status: 'REPORTED',
    reporter_sub: reporterSub,
    reporter_name: reporterName,
    reported_at: iso(reportedAt),
    accepted_at: null,
    return_reason: null,
    assigned_department: null,
    dispatched_at: null,
    sla_hours: null,
    deadline: null,
    started_at: null,
    handled_at: null,
    handling_result: null,
    closed_at: null,
    followed_up_at: null,
    satisfaction: null,
    follow_up_note: null,
    escalation_count: 0,
    escalated_at: null,
    escalation_note: null,
    version: 1,
    updated_at: iso(reportedAt),
  };
  let version = 1;
  let last = reportedAt;
  const step = (at: number, status: string) => {
    row.status = status;
    version++;
    last = Math.max(last, at);
  };
  if (!happened(sortedAt)) return finish(row, version, last);
  if (returned) {
    row.return_reason = returnReason;
    step(sortedAt, 'RETURNED');
    return finish(row, version, last);
  }
  row.accepted_at = iso(sortedAt);
  step(sortedAt, 'ACCEPTED');
  if (!happened(dispatchedAt0)) return finish(row, version, last);
  Object.assign(row, { assigned_department: department, dispatched_at: iso(dispatchedAt0), sla_hours: hours, deadline: iso(deadline0) });
  step(dispatchedAt0, 'DISPATCHED');
  const escalatedAt = escalatedAt0 !== null && escalatedAt0 < handledAt0 ? happened(escalatedAt0) : null;
  if (escalatedAt !== null) {
    priority = priority === 'NORMAL' ? 'URGENT' : 'CRITICAL';
    Object.assign(row, { priority, escalation_count: 1, escalated_at: iso(escalatedAt), escalation_note: ESCALATION_NOTE });
    version++;
    last = Math.max(last, escalatedAt);
  }
  if (!happened(startedAt0)) return finish(row, version, last);
  row.started_at = iso(startedAt0);
  step(startedAt0, 'IN_PROGRESS');
  if (!happened(handledAt0)) return finish(row, version, last);
  Object.assign(row, { handled_at: iso(handledAt0), handling_result: handlingResult });
  step(handledAt0, 'HANDLED');
  if (!happened(closedAt0)) return finish(row, version, last);
  row.closed_at = iso(closedAt0);
  step(closedAt0, 'CLOSED');
  if (!followedUp || !happened(followedUpAt0)) return finish(row, version, last);
  Object.assign(row, { followed_up_at: iso(followedUpAt0), satisfaction, follow_up_note: followUpNote });
  step(followedUpAt0, 'FOLLOWED_UP');
  return finish(row, version, last);
}

const SATISFACTION_ON_TIME = weightedTable<number>([
  [5, 60],
  [4, 30],
  [3, 8],
  [2, 2],
]);

function finish(row: Row, version: number, last: number): Row {
  row.version = version;
  row.updated_at = iso(last);
  return row;
}
