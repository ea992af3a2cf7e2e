/**
 * The seeded year of grid events (issue #10 part 7) in the shared test district, against real PostgreSQL and the
 * running hub: every event's step history matches its status and timestamps (the history derived after the COPY
 * is what the grid subgraph would have written), deadlines follow the category table's SLA hours, some events are
 * overdue, returned and escalated, and the figures the API computes are not empty — for a grid, and for the
 * worker who signs in at that grid through the development sign-in.
 */
import { databaseNameFor, databaseUrl } from '@hub/db';
import { deadlineFor } from '@hub/domain';
import { internalToken, postGraphQL, startHub, type RunningHub } from '@hub/testkit';
import { Client } from 'pg';
import { SEED_TODAY } from '../src/dates';
import { SEED_EVENT_CATEGORIES, SEED_NOW_MS } from '../src/events';

const grid = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('grid')) });
let hub: RunningHub;

interface EventRow {
  id: string;
  status: string;
  priority: string;
  category_code: string;
  grid_code: string;
  reporter_sub: string;
  assigned_department: string | null;
  reported_at: Date;
  accepted_at: Date | null;
  return_reason: string | null;
  dispatched_at: Date | null;
  sla_hours: string | null;
  deadline: Date | null;
  started_at: Date | null;
  handled_at: Date | null;
  handling_result: string | null;
  closed_at: Date | null;
  followed_up_at: Date | null;
  satisfaction: number | null;
  escalation_count: number;
  escalated_at: Date | null;
  version: number;
  updated_at: Date;
}

interface StepRow {
  event_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_sub: string;
  actor_department: string;
  actor_role: string;
  at: Date;
  before_state: Record<string, unknown> | null;
  after_state: Record<string, unknown>;
}

/** The steps an event with these columns has been through, in order: what the grid subgraph writes, one per transition. */
function expectedActions(e: EventRow): string[] {
  const steps: Array<[string, Date | null]> = [
    ['REPORT', e.reported_at],
    ['ACCEPT', e.accepted_at],
    ['RETURN', e.status === 'RETURNED' ? e.updated_at : null],
    ['DISPATCH', e.dispatched_at],
    ['START', e.started_at],
    ['ESCALATE', e.escalated_at],
    ['HANDLE', e.handled_at],
    ['CLOSE', e.closed_at],
    ['FOLLOW_UP', e.followed_up_at],
  ];
  return steps
    .filter((step): step is [string, Date] => step[1] !== null)
    .sort((a, b) => a[1].getTime() - b[1].getTime())
    .map(([action]) => action);
}

/** The status each action leaves (ESCALATE keeps it). */
const STATUS_AFTER: Record<string, string> = {
  REPORT: 'REPORTED',
  ACCEPT: 'ACCEPTED',
  RETURN: 'RETURNED',
  DISPATCH: 'DISPATCHED',
  START: 'IN_PROGRESS',
  HANDLE: 'HANDLED',
  CLOSE: 'CLOSED',
  FOLLOW_UP: 'FOLLOWED_UP',
};

let events: EventRow[];
let stepsByEvent: Map<string, StepRow[]>;

beforeAll(async () => {
  await grid.connect();
  // The seeded events only: other suites sharing the district report theirs at the wall clock's time, after the seed's "now".
  const seedNow = new Date(SEED_NOW_MS);
  events = (await grid.query<EventRow>('select * from grid_event where reported_at <= $1 order by id', [seedNow])).rows;
  const steps = (await grid.query<StepRow>('select s.* from grid_event_step s join grid_event e on e.id = s.event_id where e.reported_at <= $1 order by s.event_id, s.id', [seedNow])).rows;
  stepsByEvent = new Map();
  for (const step of steps) {
    const list = stepsByEvent.get(step.event_id) ?? [];
    list.push(step);
    stepsByEvent.set(step.event_id, list);
  }
  hub = await startHub({ subgraphs: ['grid'], gateway: false });
}, 180_000);

afterAll(async () => {
  await grid.end();
  await hub?.stop();
});

describe('the seeded year of grid events', () => {
  it('has a few events per grid per week, in every status, over a year up to the seed day', async () => {
    const { rows: grids } = await grid.query<{ n: string }>('select count(*) as n from grid');
    const perGridWeek = events.length / Number(grids[0].n) / 52;
    expect(perGridWeek).toBeGreaterThan(1.5);
    expect(perGridWeek).toBeLessThan(4);
    const statuses = new Set(events.map((e) => e.status));
    for (const status of ['RETURNED', 'DISPATCHED', 'IN_PROGRESS', 'CLOSED', 'FOLLOWED_UP']) expect(statuses).toContain(status);
    const followedUp = events.filter((e) => e.status === 'FOLLOWED_UP').length;
    expect(followedUp / events.length).toBeGreaterThan(0.6);
    expect(events.filter((e) => e.status === 'RETURNED').length).toBeGreaterThan(0);
    expect(Math.max(...events.map((e) => e.updated_at.getTime()))).toBeLessThanOrEqual(SEED_NOW_MS);
    expect(Math.min(...events.map((e) => e.reported_at.getTime()))).toBeLessThan(SEED_NOW_MS - 300 * 24 * 3600 * 1000);
  });

  it("gives every event the history its status and timestamps imply, with the subgraph's versions and before/after states", () => {
    const problems: string[] = [];
    for (const e of events) {
      const steps = stepsByEvent.get(e.id) ?? [];
      const actions = steps.map((s) => s.action);
      const expected = expectedActions(e);
      if (actions.join() !== expected.join()) {
        problems.push(`event ${e.id} (${e.status}): steps ${actions.join()} ≠ ${expected.join()}`);
        continue;
      }
      let status: string | null = null;
      steps.forEach((step, i) => {
        const next = STATUS_AFTER[step.action] ?? status;
        if (step.from_status !== status || step.to_status !== next) problems.push(`event ${e.id} step ${step.action}: ${step.from_status} → ${step.to_status}, expected ${status} → ${next}`);
        if (step.after_state.version !== i + 1 || step.after_state.status !== step.to_status) problems.push(`event ${e.id} step ${step.action}: after ${JSON.stringify(step.after_state)}`);
        if (JSON.stringify(step.before_state) !== JSON.stringify(i === 0 ? null : steps[i - 1].after_state)) problems.push(`event ${e.id} step ${step.action}: before is not the previous after`);
        if (i > 0 && step.at.getTime() <= steps[i - 1].at.getTime()) problems.push(`event ${e.id} step ${step.action}: not after the previous step`);
        status = next;
      });
      const last = steps[steps.length - 1];
      if (last.to_status !== e.status || last.after_state.version !== e.version || last.at.getTime() !== e.updated_at.getTime())
        problems.push(`event ${e.id}: last step ${last.action} at version ${String(last.after_state.version)} does not match the row (${e.status}, v${e.version})`);
      if (last.after_state.priority !== e.priority || last.after_state.escalationCount !== e.escalation_count || last.after_state.satisfaction !== e.satisfaction)
        problems.push(`event ${e.id}: last state ${JSON.stringify(last.after_state)} does not match the row`);
      const report = steps[0];
      if (report.actor_sub !== e.reporter_sub || report.actor_role !== 'GRID_WORKER' || report.actor_department !== 'GRID') problems.push(`event ${e.id}: reported by ${report.actor_sub}`);
      for (const step of steps.filter((s) => ['START', 'HANDLE'].includes(s.action))) {
        if (step.actor_department !== e.assigned_department) problems.push(`event ${e.id}: ${step.action} by ${step.actor_department}, dispatched to ${e.assigned_department}`);
      }
      if (problems.length > 10) break;
    }
    expect(problems).toEqual([]);
  });

  it('sets each deadline from the category table at the priority of the dispatch, in China time', async () => {
    const { rows: categories } = await grid.query<{ code: string; sla_hours_normal: string; sla_hours_urgent: string; sla_hours_critical: string; default_department: string | null }>(
      "select code, sla_hours_normal, sla_hours_urgent, sla_hours_critical, default_department from event_category where valid_from <= date '2026-11-25' and (valid_to is null or valid_to > date '2026-11-25')",
    );
    const table = new Map(categories.map((c) => [c.code, c]));
    // The seeds' copy of the code table is the table.
    for (const category of SEED_EVENT_CATEGORIES) {
      const row = table.get(category.code);
      expect([category.code, Number(row?.sla_hours_normal), Number(row?.sla_hours_urgent), Number(row?.sla_hours_critical), row?.default_department ?? null]).toEqual([
        category.code,
        category.normal,
        category.urgent,
        category.critical,
        category.defaultDepartment,
      ]);
    }
    const dispatched = events.filter((e) => e.dispatched_at);
    expect(dispatched.length).toBeGreaterThan(100);
    for (const e of dispatched) {
      const category = table.get(e.category_code)!;
      const priorityAtDispatch = e.escalation_count > 0 ? (e.priority === 'CRITICAL' ? 'URGENT' : 'NORMAL') : e.priority;
      const hours = Number({ NORMAL: category.sla_hours_normal, URGENT: category.sla_hours_urgent, CRITICAL: category.sla_hours_critical }[priorityAtDispatch]);
      expect({ id: e.id, hours: Number(e.sla_hours), deadline: e.deadline!.toISOString() }).toEqual({ id: e.id, hours, deadline: deadlineFor(e.dispatched_at!, hours).toISOString() });
      if (category.default_department) expect(e.assigned_department).toBe(category.default_department);
    }
  });

  it('leaves some events overdue and escalated, and some open ones still in time on the seed day', () => {
    const open = events.filter((e) => ['DISPATCHED', 'IN_PROGRESS'].includes(e.status));
    const overdue = open.filter((e) => e.deadline!.getTime() < SEED_NOW_MS);
    const inTime = open.filter((e) => e.deadline!.getTime() >= SEED_NOW_MS);
    expect(overdue.length).toBeGreaterThan(0);
    expect(inTime.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.escalation_count > 0).length).toBeGreaterThan(0);
    // Handled late: the 考核's "on time" is not every event.
    const late = events.filter((e) => e.handled_at && e.deadline && e.handled_at > e.deadline).length;
    const handled = events.filter((e) => e.handled_at).length;
    expect(late / handled).toBeGreaterThan(0.05);
    expect(late / handled).toBeLessThan(0.3);
  });

  it('fills the statistics, the overdue list and "reported by me" through the API for a grid and its signed-in worker', async () => {
    // The district's last grid, counted up to the seed's day: other tests in the same run report events of their own,
    // mostly in the first grids and always dated today, and must not change what this test counts.
    const gridCode = events[events.length - 1].grid_code;
    // The grid subgraph alone (no gateway): requests carry the internal token the gateway would sign.
    const url = hub.subgraphUrls.grid;
    const asOfficer = { 'x-gridhub-internal-token': await internalToken({ dept: 'GRID', role: 'OFFICER', jurisdiction: gridCode.slice(0, 9), purpose: 'GRID_SERVICE' }) };

    const stats = await postGraphQL<{
      gridEventStatistics: Array<{ key: string; reported: string; closed: string; onTime: string; overdue: string; meanHoursToClose: number | null; meanSatisfaction: number | null }>;
    }>(
      url,
      'query($region: String, $to: String) { gridEventStatistics(groupBy: "GRID", regionCode: $region, to: $to) { key reported closed onTime overdue meanHoursToClose meanSatisfaction } }',
      { region: gridCode, to: SEED_TODAY },
      asOfficer,
    );
    expect(stats.errors).toBeUndefined();
    const row = stats.data!.gridEventStatistics.find((r) => r.key === gridCode)!;
    const ofGrid = events.filter((e) => e.grid_code === gridCode);
    expect(Number(row.reported)).toBe(ofGrid.length);
    expect(Number(row.closed)).toBe(ofGrid.filter((e) => ['CLOSED', 'FOLLOWED_UP'].includes(e.status)).length);
    expect(Number(row.onTime)).toBeGreaterThan(0);
    expect(row.meanHoursToClose).toBeGreaterThan(0);
    expect(row.meanSatisfaction).toBeGreaterThan(2);

    const overdue = await postGraphQL<{ overdueGridEvents: { totalCount: number } }>(url, '{ overdueGridEvents(first: 5) { totalCount } }', {}, asOfficer);
    expect(overdue.errors).toBeUndefined();
    expect(overdue.data!.overdueGridEvents.totalCount).toBeGreaterThan(0);

    // The worker the development sign-in issues for this grid (sub dev-grid-<grid>, role GRID_WORKER) finds their own reports and 考核 row.
    const workerSub = `dev-grid-${gridCode}`;
    const mine = ofGrid.filter((e) => e.reporter_sub === workerSub).length;
    expect(mine).toBeGreaterThan(0);
    const asWorker = { 'x-gridhub-internal-token': await internalToken({ dept: 'GRID', role: 'GRID_WORKER', jurisdiction: gridCode, sub: workerSub, purpose: 'GRID_SERVICE' }) };
    const reported = await postGraphQL<{ gridEvents: { totalCount: number } }>(url, '{ gridEvents(filter: { reportedByMe: true }, first: 1) { totalCount } }', {}, asWorker);
    expect(reported.errors).toBeUndefined();
    expect(reported.data!.gridEvents.totalCount).toBe(mine);
    const perWorker = await postGraphQL<{ gridEventStatistics: Array<{ key: string; reported: string }> }>(
      url,
      'query($region: String, $to: String) { gridEventStatistics(groupBy: "WORKER", regionCode: $region, to: $to) { key reported } }',
      { region: gridCode, to: SEED_TODAY },
      asOfficer,
    );
    expect(perWorker.errors).toBeUndefined();
    expect(perWorker.data!.gridEventStatistics.find((r) => r.key === workerSub)?.reported).toBe(String(mine));
  });

  it('writes the before/after state with the same fields as a step the grid subgraph writes itself', async () => {
    const { grid_code: gridCode } = events[0];
    const asWorker = { 'x-gridhub-internal-token': await internalToken({ dept: 'GRID', role: 'GRID_WORKER', jurisdiction: gridCode, sub: 'seeds-test-worker', purpose: 'GRID_SERVICE' }) };
    const reported = await postGraphQL<{ reportGridEvent: { id: string } }>(
      hub.subgraphUrls.grid,
      'mutation($input: ReportGridEventInput!) { reportGridEvent(input: $input) { id } }',
      { input: { category: '0401', gridCode, address: '测试地址', description: '对照：子图自己写下的步骤' } },
      asWorker,
    );
    expect(reported.errors).toBeUndefined();
    const { rows } = await grid.query<{ after_state: Record<string, unknown> }>('select after_state from grid_event_step where event_id = $1', [reported.data!.reportGridEvent.id]);
    const seeded = stepsByEvent.get(events[0].id)![0];
    expect(Object.keys(seeded.after_state).sort()).toEqual(Object.keys(rows[0].after_state).sort());
  });
});
