/**
 * The grid's closed loop (issue #10): a 网格员 reports a hazard in their grid; the grid center accepts it and
 * dispatches it to housing; housing starts but handles it late (its light goes GREEN → YELLOW → RED), the
 * supervisor finds it on the overdue list and escalates it (督办); housing handles it, the center closes it and
 * the reporter rates it (回访). Every step is in the history with the state before and after, and in the access
 * log; the statistics move. Then what must be refused is refused with its code, and two dispatchers racing for
 * the same event never both win. Real subgraph processes and the real gateway, against the seeded test district.
 */
import { randomUUID } from 'node:crypto';
import { accessLogSql } from '@hub/audit';
import type { Purpose } from '@hub/access';
import { internalToken, postGraphQL, startHub, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';
import {
  ACCEPT,
  CLOSE,
  DISPATCH,
  DISTRICT,
  ESCALATE,
  EVENT_FIELDS,
  FOLLOW_UP,
  GRID_ONLY_FIELDS,
  HANDLE,
  PNG_1X1,
  REJECT,
  REPORT,
  RETURN,
  START,
  caller,
  codes,
  pickPlace,
  withGridDatabase,
  type Place,
} from './grid-events-kit';

/** A category the district configured with a 15-second limit, so that "late" takes seconds in a test, not days. */
const QUICK_HAZARD = { code: '0298', name: '楼道堆物隐患', hours: 15 / 3600 };

let hub: RunningHub;
let place: Place;
let as: ReturnType<typeof caller>;

const run = randomUUID().slice(0, 8);
let worker: TestUser;
const dispatcher: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'OFFICER', sub: `dispatcher-${run}`, name: '王分拨' };
const supervisor: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'SUPERVISOR', sub: `supervisor-${run}`, name: '赵督办' };
const housing: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'OFFICER', sub: `housing-${run}`, name: '钱房管' };
const police: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'OFFICER', sub: `police-${run}`, name: '孙民警' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ok<T = any>(response: GraphQLResponse, field: string): T {
  expect({ field, errors: response.errors }).toEqual({ field, errors: undefined });
  return response.data[field];
}

const STATISTICS = `query($group: String!, $region: String) { gridEventStatistics(groupBy: $group, regionCode: $region) { key name reported closed onTime overdue meanHoursToClose meanSatisfaction } }`;

async function statisticsOf(user: TestUser, group: string, region: string, key: string) {
  const rows = ok<Array<Record<string, any>>>(await as(user, STATISTICS, { group, region }), 'gridEventStatistics');
  return rows.find((row) => row.key === key) ?? { key, reported: '0', closed: '0', onTime: '0', overdue: '0', meanHoursToClose: null, meanSatisfaction: null };
}

beforeAll(async () => {
  place = await pickPlace(0);
  worker = { dept: 'GRID', jurisdiction: place.gridCode, role: 'GRID_WORKER', sub: `worker-${run}`, name: '李网格' };
  await withGridDatabase((db) =>
    db.query(
      `insert into event_category (code, name, parent_code, default_department, sla_hours_normal, sla_hours_urgent, sla_hours_critical, valid_from)
       values ($1, $2, '0200', 'HOUSING', $3, $3, $3, date '2026-01-01') on conflict do nothing`,
      [QUICK_HAZARD.code, QUICK_HAZARD.name, QUICK_HAZARD.hours],
    ),
  );
  hub = await startHub();
  as = caller(hub.gatewayUrl);
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('a hazard goes around the closed loop', () => {
  let eventId: string;
  let version: number;
  let before: { grid: Record<string, any>; worker: Record<string, any> };

  it('the 网格员 reports a hazard in their grid, with a photo, the dwelling and the resident concerned', async () => {
    before = { grid: await statisticsOf(dispatcher, 'GRID', place.gridCode, place.gridCode), worker: await statisticsOf(dispatcher, 'WORKER', DISTRICT, worker.sub!) };
    const event = ok(
      await as(worker, REPORT, {
        input: {
          category: QUICK_HAZARD.code,
          gridCode: place.gridCode,
          address: '3号楼2单元楼道',
          dwellingId: place.dwellingId,
          description: '楼道内堆放大量纸箱和电动车电池，堵塞消防通道',
          personIds: [place.personId],
          attachments: [{ fileName: '楼道.png', contentType: 'image/png', contentBase64: PNG_1X1.toString('base64') }],
        },
      }),
      'reportGridEvent',
    );
    expect(event).toMatchObject({
      category: QUICK_HAZARD.code,
      categoryName: QUICK_HAZARD.name,
      status: 'REPORTED',
      priority: 'NORMAL',
      version: 1,
      gridCode: place.gridCode,
      grid: { code: place.gridCode },
      dwelling: { id: place.dwellingId },
      reporterName: '李网格',
      assignedDepartment: null,
      deadline: null,
      slaLight: null,
    });
    expect(event.people).toEqual([{ id: place.personId, name: expect.any(String) }]);
    expect(event.attachments).toEqual([{ id: expect.any(String), fileName: '楼道.png', contentType: 'image/png', sizeBytes: PNG_1X1.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(event.reportedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    eventId = event.id;
    version = event.version;
  });

  it('the center accepts it and dispatches it to housing: the deadline follows from the category and the light is green', async () => {
    const accepted = ok(await as(dispatcher, ACCEPT, { id: eventId, v: version }), 'acceptGridEvent');
    expect(accepted).toEqual({ id: eventId, status: 'ACCEPTED', version: 2 });
    const dispatched = ok(await as(dispatcher, DISPATCH, { id: eventId, v: 2, dept: 'HOUSING' }), 'dispatchGridEvent');
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', version: 3, assignedDepartment: 'HOUSING', slaHours: 0.004, slaLight: 'GREEN' });
    const seconds = (Date.parse(dispatched.deadline) - Date.parse(dispatched.dispatchedAt)) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(14);
    expect(seconds).toBeLessThanOrEqual(15);
    expect(dispatched.deadline).toMatch(/\+08:00$/);
    version = dispatched.version;
  });

  it('housing finds it in its queue with what its purpose allows; the police do not see it at all', async () => {
    const QUEUE = `{ myEventQueue { totalCount nodes { ${EVENT_FIELDS} } } }`;
    const queue = ok(await as(housing, QUEUE), 'myEventQueue');
    const mine = queue.nodes.find((node: any) => node.id === eventId);
    expect(mine).toMatchObject({ status: 'DISPATCHED', assignedDepartment: 'HOUSING', reporterName: '李**', slaLight: 'GREEN', people: [{ id: place.personId, name: expect.any(String) }] });
    const assessment = await as(housing, `query($id: ID!) { gridEvent(id: $id) { id satisfaction returnReason history { action before } } }`, { id: eventId });
    expect(assessment.data.gridEvent.id).toBe(eventId);
    expect(assessment.data.gridEvent.satisfaction).toBeNull();
    expect(codes(assessment)).toEqual(expect.arrayContaining(['FORBIDDEN']));
    expect(assessment.errors!.map((e) => e.path?.join('.'))).toEqual(expect.arrayContaining(['gridEvent.satisfaction', 'gridEvent.returnReason', 'gridEvent.history.0.before']));

    const photo = ok(await as(housing, `query($id: ID!) { gridEvent(id: $id) { attachments { contentBase64 } } }`, { id: eventId }), 'gridEvent');
    expect(Buffer.from(photo.attachments[0].contentBase64, 'base64').equals(PNG_1X1)).toBe(true);

    const policeQueue = ok(await as(police, QUEUE), 'myEventQueue');
    expect(policeQueue.nodes.map((node: any) => node.id)).not.toContain(eventId);
    const policeLook = await as(police, `query($id: ID!) { gridEvent(id: $id) { id } }`, { id: eventId });
    expect(policeLook.data?.gridEvent ?? null).toBeNull();
    expect(codes(policeLook)).toEqual(['FORBIDDEN']);
    const policeList = ok(await as(police, `{ gridEvents(first: 500) { nodes { id assignedDepartment } } }`), 'gridEvents');
    expect(policeList.nodes.every((node: any) => node.assignedDepartment === 'PUBLIC_SECURITY')).toBe(true);
  });

  it('housing starts, but the time runs out: the light turns yellow past 80 % and red past the deadline', async () => {
    const started = ok(await as(housing, START, { id: eventId, v: version }), 'startGridEvent');
    expect(started).toEqual({ id: eventId, status: 'IN_PROGRESS', version: 4 });
    version = 4;
    const lights: string[] = [];
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const light = ok(await as(housing, `query($id: ID!) { gridEvent(id: $id) { slaLight } }`, { id: eventId }), 'gridEvent').slaLight;
      if (lights[lights.length - 1] !== light) lights.push(light);
      if (light === 'RED') break;
      await sleep(400);
    }
    expect(lights).toEqual(['GREEN', 'YELLOW', 'RED']);
  });

  it('the supervisor finds it on the overdue list and escalates it; housing sees it marked, first in its queue', async () => {
    const OVERDUE = `{ overdueGridEvents(first: 500) { totalCount nodes { id slaLight deadline assignedDepartment } } }`;
    const overdue = ok(await as(supervisor, OVERDUE), 'overdueGridEvents');
    expect(overdue.nodes).toContainEqual(expect.objectContaining({ id: eventId, slaLight: 'RED', assignedDepartment: 'HOUSING' }));
    expect(codes(await as(worker, OVERDUE))).toEqual(['FORBIDDEN']);
    expect(codes(await as(housing, OVERDUE))).toEqual(['FORBIDDEN']);

    const escalated = ok(await as(supervisor, ESCALATE, { id: eventId, v: version }), 'escalateGridEvent');
    expect(escalated).toEqual({ id: eventId, status: 'IN_PROGRESS', version: 5, priority: 'URGENT', escalated: true, escalationCount: 1 });
    version = 5;
    const queue = ok(await as(housing, `{ myEventQueue { nodes { id escalated escalationNote priority } } }`), 'myEventQueue');
    expect(queue.nodes[0]).toMatchObject({ escalated: true });
    expect(queue.nodes).toContainEqual({ id: eventId, escalated: true, escalationNote: '已超期，请立即处置', priority: 'URGENT' });
  });

  it('housing handles it late (the light stays red), the center closes it and the reporter rates it', async () => {
    const handled = ok(await as(housing, HANDLE, { id: eventId, v: version, result: '已清理楼道堆物，张贴消防安全提示' }), 'handleGridEvent');
    expect(handled).toMatchObject({ status: 'HANDLED', version: 6, slaLight: 'RED' });
    const closed = ok(await as(dispatcher, CLOSE, { id: eventId, v: 6 }), 'closeGridEvent');
    expect(closed).toMatchObject({ status: 'CLOSED', version: 7, slaLight: null });
    const rated = ok(await as(worker, FOLLOW_UP, { id: eventId, v: 7, s: 4 }), 'followUpGridEvent');
    expect(rated).toEqual({ id: eventId, status: 'FOLLOWED_UP', version: 8, satisfaction: 4 });
  });

  it('keeps every step in the history, each with the state before and after, and each write in the access log', async () => {
    const WRITES = ['report', 'accept', 'dispatch', 'start', 'escalate', 'handle', 'close', 'follow_up'];
    const event = ok(await as(dispatcher, `query($id: ID!) { gridEvent(id: $id) { status version ${GRID_ONLY_FIELDS} } }`, { id: eventId }), 'gridEvent');
    expect(event.history.map((step: any) => `${step.action}:${step.fromStatus ?? '-'}→${step.toStatus}`)).toEqual([
      'REPORT:-→REPORTED',
      'ACCEPT:REPORTED→ACCEPTED',
      'DISPATCH:ACCEPTED→DISPATCHED',
      'START:DISPATCHED→IN_PROGRESS',
      'ESCALATE:IN_PROGRESS→IN_PROGRESS',
      'HANDLE:IN_PROGRESS→HANDLED',
      'CLOSE:HANDLED→CLOSED',
      'FOLLOW_UP:CLOSED→FOLLOWED_UP',
    ]);
    expect(event.history.map((step: any) => step.actorId)).toEqual([worker.sub, dispatcher.sub, dispatcher.sub, housing.sub, supervisor.sub, housing.sub, dispatcher.sub, worker.sub]);
    expect(event.history[0].before).toBeNull();
    for (let i = 1; i < event.history.length; i++) expect(JSON.parse(event.history[i].before)).toEqual(JSON.parse(event.history[i - 1].after));
    expect(JSON.parse(event.history[7].after)).toMatchObject({ status: 'FOLLOWED_UP', version: 8, satisfaction: 4, priority: 'URGENT', assignedDepartment: 'HOUSING' });
    expect(event.history[5].note).toBe('已清理楼道堆物，张贴消防安全提示');

    const logged = await withGridDatabase((db) =>
      db.query(accessLogSql.select('user_sub, field_classes, subject_person_id', 'field_classes[1] = any($1) and user_sub = any($2)', 'order by id'), [
        WRITES.map((action) => `grid.event.${action}`),
        [worker.sub, dispatcher.sub, housing.sub, supervisor.sub],
      ]),
    );
    expect(logged.rows.map((row) => `${row.field_classes[0]}:${row.subject_person_id}`)).toEqual(WRITES.map((action) => `grid.event.${action}:${place.personId}`));
  });

  it('moves the statistics of the grid and of the worker: one more reported, closed and overdue, none more on time', async () => {
    const grid = await statisticsOf(dispatcher, 'GRID', place.gridCode, place.gridCode);
    const mine = await statisticsOf(dispatcher, 'WORKER', DISTRICT, worker.sub!);
    // The worker's figures are theirs alone; the grid's may also move with other test files' events meanwhile.
    const grew = (field: string) => Number(grid[field]) - Number(before.grid[field]);
    expect({ reported: grew('reported') >= 1, closed: grew('closed') >= 1, overdue: grew('overdue') >= 1 }).toEqual({ reported: true, closed: true, overdue: true });
    expect(mine).toMatchObject({ key: worker.sub, name: '李网格', reported: '1', closed: '1', onTime: '0', overdue: '1', meanSatisfaction: 4 });
    expect(mine.meanHoursToClose).toBeGreaterThan(0);
    // Housing may see the grid's figures, but small counts only as "<5"; per worker (考核) is the center's own.
    const housingView = await statisticsOf(housing, 'GRID', place.gridCode, place.gridCode);
    expect(housingView.reported === '<5' || Number(housingView.reported) >= 5).toBe(true);
    if (housingView.closed === '<5') expect(housingView.meanHoursToClose).toBeNull();
    expect(codes(await as(housing, STATISTICS, { group: 'WORKER', region: DISTRICT }))).toEqual(['FORBIDDEN']);
  });
});

describe('what the loop refuses, with its code', () => {
  const report = (user: TestUser, input: Record<string, unknown>) =>
    as(user, REPORT, { input: { category: '0203', gridCode: place.gridCode, address: '5号楼', description: '外墙瓷砖脱落', ...input } });

  async function reported(): Promise<string> {
    return ok(await report(worker, {}), 'reportGridEvent').id;
  }

  it('refuses an unknown category, and one no longer valid', async () => {
    const unknown = await report(worker, { category: '9999' });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toContain('未知的事件类别');
    await withGridDatabase((db) =>
      db.query(
        `insert into event_category (code, name, sla_hours_normal, sla_hours_urgent, sla_hours_critical, valid_from, valid_to)
         values ('0297', '已停用类别', 72, 24, 8, date '2026-01-01', date '2026-02-01') on conflict do nothing`,
      ),
    );
    expect(codes(await report(worker, { category: '0297' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses oversize attachments, types off the allow-list, and bytes that are not what they claim', async () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(600 * 1024)]);
    const oversize = await report(worker, { attachments: [{ fileName: 'big.png', contentType: 'image/png', contentBase64: big.toString('base64') }] });
    expect(codes(oversize)).toEqual(['BAD_USER_INPUT']);
    expect(oversize.errors![0].message).toContain('附件超过 512 KiB');
    // Two of them make a request the gateway does not read at all.
    const tooMuch = await report(worker, { attachments: [1, 2].map((n) => ({ fileName: `${n}.png`, contentType: 'image/png', contentBase64: big.toString('base64') })) });
    expect(tooMuch.status).toBe(413);
    const exe = await report(worker, { attachments: [{ fileName: 'a.exe', contentType: 'application/x-msdownload', contentBase64: Buffer.from('MZ').toString('base64') }] });
    expect(codes(exe)).toEqual(['BAD_USER_INPUT']);
    expect(exe.errors![0].message).toContain('附件类型不允许');
    const fake = await report(worker, { attachments: [{ fileName: 'photo.jpg', contentType: 'image/jpeg', contentBase64: PNG_1X1.toString('base64') }] });
    expect(codes(fake)).toEqual(['BAD_USER_INPUT']);
    expect(fake.errors![0].message).toContain('附件内容与类型不符');
  });

  it('refuses bad people, dwellings and priorities', async () => {
    expect(codes(await report(worker, { personIds: ['120112198501011234'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await report(worker, { dwellingId: 'D00000000000000X' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await report(worker, { priority: 'WHENEVER' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps to the jurisdiction: a worker reports only in their own grid, another street sees none of it', async () => {
    expect(codes(await report(worker, { gridCode: place.foreignGridCode }))).toEqual(['OUT_OF_JURISDICTION']);
    const id = await reported();
    const otherStreet: TestUser = { dept: 'GRID', jurisdiction: place.foreignGridCode.slice(0, 9), role: 'OFFICER' };
    const look = await as(otherStreet, `query($id: ID!) { gridEvent(id: $id) { id } }`, { id });
    expect(look.data?.gridEvent ?? null).toBeNull();
    expect(codes(look)).toEqual(['OUT_OF_JURISDICTION']);
    expect(codes(await as(otherStreet, ACCEPT, { id, v: 1 }))).toEqual(['OUT_OF_JURISDICTION']);
    const list = ok(await as(otherStreet, `{ gridEvents(first: 500) { nodes { gridCode } } }`), 'gridEvents');
    expect(list.nodes.every((node: any) => node.gridCode.startsWith(otherStreet.jurisdiction))).toBe(true);
    expect(codes(await as(otherStreet, `query($r: String) { gridEvents(filter: { regionCode: $r }) { totalCount } }`, { r: place.gridCode }))).toEqual(['OUT_OF_JURISDICTION']);
    // The same on the federation path: an entity reference to the event, as the gateway would send it.
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on GridEvent { id status } } }`;
    const direct = async (user: TestUser, purpose: Purpose) =>
      postGraphQL(hub.subgraphUrls.grid, ENTITIES, { r: [{ __typename: 'GridEvent', id }] }, { 'x-gridhub-internal-token': await internalToken({ ...user, purpose }) });
    expect(codes(await direct(otherStreet, 'GRID_SERVICE'))).toEqual(['OUT_OF_JURISDICTION']);
    expect(codes(await direct(police, 'FLOATING_POPULATION_MANAGEMENT'))).toEqual(['FORBIDDEN']); // not dispatched to the police
    expect((await direct(dispatcher, 'GRID_SERVICE')).data._entities).toEqual([{ id, status: 'REPORTED' }]);
  });

  it('refuses steps the status does not allow, stale versions, and steps by the wrong hands', async () => {
    const id = await reported();
    expect(codes(await as(dispatcher, DISPATCH, { id, v: 1, dept: 'HOUSING' }))).toEqual(['CONFLICT']); // not accepted yet
    expect(codes(await as(housing, START, { id, v: 1 }))).toEqual(['FORBIDDEN']); // not dispatched to housing
    expect(codes(await as(worker, ACCEPT, { id, v: 1 }))).toEqual(['FORBIDDEN']); // a worker does not accept
    ok(await as(dispatcher, ACCEPT, { id, v: 1 }), 'acceptGridEvent');
    const stale = await as(dispatcher, ACCEPT, { id, v: 1 });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toContain('version 2');
    expect(codes(await as(dispatcher, RETURN, { id, v: 2, reason: '重复上报' }))).toEqual(['CONFLICT']); // only a report can be returned
    expect(codes(await as(dispatcher, DISPATCH, { id, v: 2, dept: 'CIVIL_AFFAIRS' }))).toEqual(['BAD_USER_INPUT']);
    ok(await as(dispatcher, DISPATCH, { id, v: 2, dept: 'HOUSING' }), 'dispatchGridEvent');
    expect(codes(await as(police, START, { id, v: 3 }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(housing, HANDLE, { id, v: 3, result: '已处理' }))).toEqual(['CONFLICT']); // not started
    expect(codes(await as(dispatcher, CLOSE, { id, v: 3 }))).toEqual(['CONFLICT']);
    expect(codes(await as(worker, FOLLOW_UP, { id, v: 3, s: 9 }))).toEqual(['BAD_USER_INPUT']);
    ok(await as(housing, START, { id, v: 3 }), 'startGridEvent');
    ok(await as(housing, HANDLE, { id, v: 4, result: '已加固外墙' }), 'handleGridEvent');
    // The center does not confirm: back to the department (处置), then handled again and closed.
    expect(ok(await as(dispatcher, REJECT, { id, v: 5, reason: '现场复核仍有脱落风险' }), 'rejectGridEventHandling')).toEqual({ id, status: 'IN_PROGRESS', version: 6 });
    ok(await as(housing, HANDLE, { id, v: 6, result: '已整体更换外墙饰面' }), 'handleGridEvent');
    ok(await as(dispatcher, CLOSE, { id, v: 7 }), 'closeGridEvent');
    expect(codes(await as(supervisor, ESCALATE, { id, v: 8 }))).toEqual(['CONFLICT']); // closed: nothing to supervise
    const returned = await reported();
    expect(ok(await as(dispatcher, RETURN, { id: returned, v: 1, reason: '不属于网格事项，已告知居民拨打12345' }), 'returnGridEvent')).toMatchObject({ status: 'RETURNED', version: 2 });
    expect(codes(await as(dispatcher, ACCEPT, { id: returned, v: 2 }))).toEqual(['CONFLICT']);
  });

  it('refuses what a purpose may not do at all', async () => {
    expect(codes(await report(dispatcher, {}))).toEqual(['FORBIDDEN']); // the center reports through its workers
    const housingReport = await as(housing, REPORT, { input: { category: '0203', gridCode: place.gridCode, address: 'x', description: 'y' } });
    expect(codes(housingReport)).toEqual(['FORBIDDEN']);
    expect(codes(await as(dispatcher, `{ myEventQueue { totalCount } }`))).toEqual(['FORBIDDEN']);
  });
});

describe("the center's lists", () => {
  it('filters by reporter, main category and status, and pages newest first without gaps or repeats', async () => {
    const reporter: TestUser = { ...worker, sub: `lister-${run}`, name: '吴网格' };
    const made: string[] = [];
    for (const category of ['0203', '0401', '0202', '0102']) {
      made.push(ok(await as(reporter, REPORT, { input: { category, gridCode: place.gridCode, address: '7号楼', description: `类别 ${category}` } }), 'reportGridEvent').id);
    }
    ok(await as(dispatcher, RETURN, { id: made[1], v: 1, reason: '重复上报' }), 'returnGridEvent');
    const LIST = `query($f: GridEventFilter, $first: Int, $after: String) { gridEvents(filter: $f, first: $first, after: $after) { totalCount nodes { id category status } pageInfo { hasNextPage endCursor } } }`;
    const mine = ok(await as(reporter, LIST, { f: { reportedByMe: true } }), 'gridEvents');
    expect(mine.nodes.map((n: any) => n.id)).toEqual([...made].reverse());
    expect(mine.totalCount).toBe(4);
    const hazards = ok(await as(reporter, LIST, { f: { reportedByMe: true, category: '0200' } }), 'gridEvents');
    expect(hazards.nodes.map((n: any) => n.category)).toEqual(['0202', '0203']);
    const returned = ok(await as(reporter, LIST, { f: { reportedByMe: true, statuses: ['RETURNED'] } }), 'gridEvents');
    expect(returned.nodes).toEqual([{ id: made[1], category: '0401', status: 'RETURNED' }]);
    const pages: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result: any = ok(await as(reporter, LIST, { f: { reportedByMe: true }, first: 3, after }), 'gridEvents');
      pages.push(...result.nodes.map((n: any) => n.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(pages).toEqual([...made].reverse());
    expect(codes(await as(reporter, LIST, { f: { statuses: ['LOST'] } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await as(dispatcher, LIST, { f: { assignedDepartment: 'CIVIL_AFFAIRS' } }))).toEqual(['BAD_USER_INPUT']);
    // The street's figures hold the grid's.
    const street = await statisticsOf(dispatcher, 'STREET', place.gridCode.slice(0, 9), place.gridCode.slice(0, 9));
    const grid = await statisticsOf(dispatcher, 'GRID', place.gridCode, place.gridCode);
    expect(Number(street.reported)).toBeGreaterThanOrEqual(Number(grid.reported));
    expect(street.name).toEqual(expect.any(String));
  });
});

describe('two dispatchers at once', () => {
  it('never both succeed on the same version: one wins, the other gets CONFLICT, the history has one step', async () => {
    for (let round = 0; round < 5; round++) {
      const id = ok(await as(worker, REPORT, { input: { category: '0401', gridCode: place.gridCode, address: '小区东门', description: `垃圾堆放 ${round}` } }), 'reportGridEvent').id;
      const second: TestUser = { ...dispatcher, sub: `dispatcher-b-${run}`, name: '周分拨' };
      const [a, b] = await Promise.all([as(dispatcher, ACCEPT, { id, v: 1 }), as(second, RETURN, { id, v: 1, reason: '非网格事项' })]);
      const outcomes = [a, b].map((response) => (response.errors ? codes(response)[0] : 'OK')).sort();
      expect(outcomes).toEqual(['CONFLICT', 'OK']);
      const event = ok(await as(dispatcher, `query($id: ID!) { gridEvent(id: $id) { status version history { action } } }`, { id }), 'gridEvent');
      expect(event.version).toBe(2);
      expect(event.history).toHaveLength(2);
      expect(['ACCEPTED', 'RETURNED']).toContain(event.status);
    }
  });
});
