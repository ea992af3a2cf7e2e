/**
 * The grid's closed loop in the console (issue #10 part 6): a 网格员 reports a hazard from a phone, with a photo and
 * the resident concerned; the center's dispatcher accepts it and dispatches it to housing, seeing the deadline before
 * choosing; housing starts and handles it in its queue; the center closes it and calls back (回访, 4 stars); the
 * statistics page moves by one. A second dispatcher's stale click is told 事件已被他人更新, and the supervisor finds an
 * overdue event on the 督办 list and escalates it. Each page is checked against the API's own answer for the same
 * user; no page error, no request beyond the gateway. Real hub, real Chromium.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Purpose } from '@hub/access';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { postGraphQL, startHub, userToken, type RunningHub, type TestUser } from '@hub/testkit';
import { formatDateTime } from '../../console/src/format/dates';
import { ACCEPT, DISPATCH, DISTRICT, HANDLE, PNG_1X1, REPORT, START, pickPlace, withGridDatabase, type Place } from '../grid-events/grid-events-kit';
import { foreignRequests, openConsoleBrowser, type ConsoleBrowser, type ConsolePage } from './browser';
import { dialog as openedDialog, openTab } from './form-steps';

/** A phone: the 网格员 reports from the street. */
const PHONE = { width: 390, height: 844 };

/** A category the district configured with a 15-second limit, so that an event runs late in seconds (as e2e/grid-events does). */
const QUICK_HAZARD = { code: '0299', name: '楼道杂物隐患（测试）', hours: 15 / 3600 };

const run = randomUUID().slice(0, 8);
let hub: RunningHub;
let browser: ConsoleBrowser;
let place: Place;
let resident: { idNumber: string; name: string };
let worker: TestUser;
const dispatcher: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'OFFICER', sub: `ec-dispatcher-${run}`, name: '王分拨' };
const supervisor: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'SUPERVISOR', sub: `ec-supervisor-${run}`, name: '赵督办' };
const housing: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'OFFICER', sub: `ec-housing-${run}`, name: '钱房管' };
const PURPOSE: Record<string, Purpose> = { GRID: 'GRID_SERVICE', HOUSING: 'HOUSING_ADMINISTRATION' };

async function api(user: TestUser, query: string, variables: Record<string, unknown> = {}) {
  const response = await postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': PURPOSE[user.dept] });
  expect({ query: query.slice(0, 60), errors: response.errors }).toEqual({ query: query.slice(0, 60), errors: undefined });
  return response.data;
}

const EVENT = `query($id: ID!) { gridEvent(id: $id) { id category status version priority assignedDepartment deadline slaLight escalated escalationNote handlingResult
  dwelling { id address } people { id } attachments { fileName contentType sizeBytes } history { action fromStatus toStatus actorName at note } } }`;
const eventOf = async (user: TestUser, id: string) => (await api(user, EVENT, { id })).gridEvent;

const STATISTICS = `query($region: String) { gridEventStatistics(groupBy: "GRID", regionCode: $region) { key reported closed onTime overdue meanSatisfaction } }`;
async function gridFigures(user: TestUser, gridCode: string) {
  const rows: Array<Record<string, string>> = (await api(user, STATISTICS, { region: gridCode.slice(0, 9) })).gridEventStatistics;
  return rows.find((row) => row.key === gridCode) ?? { key: gridCode, reported: '0', closed: '0', onTime: '0', overdue: '0' };
}

/** Waits until `read` gives what `check` accepts (the page answers asynchronously), then asserts it once more. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/**
 * Waits until the event's title shows `status` after a step taken on the page. A step the hub refused shows its
 * reason on the page: then this fails at once with that reason and the gateway's and the grid's last log lines.
 */
async function titleAfterStep(p: ConsolePage, status: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const title = await p.page.getByTestId('event-title').textContent();
    if (title?.includes(status)) return;
    const problem = p.page.getByTestId('transition-problem');
    if (Date.now() > deadline || (await problem.count()) > 0) {
      const refusal = (await problem.count()) > 0 ? await problem.first().textContent() : '(no refusal shown)';
      const dialog = p.page.locator('.ant-modal-wrap:visible');
      const dialogText = (await dialog.count()) > 0 ? await dialog.first().innerText() : '(no dialog open)';
      const logs = ['gateway', 'grid'].map((name) => `--- ${name}\n${(hub.output.get(name) ?? []).slice(-15).join('\n')}`).join('\n');
      throw new Error(`the page's title is "${title}", not ${status}; the page says: ${refusal}; the dialog: ${dialogText}\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Clicks a step dialog's confirm. Three CI runs in ten saw the confirm of 结案 or 回访 clicked while nothing was sent
 * and the dialog stayed open (not reproduced locally, cause not found; see the closing note). A caseworker would
 * click again: so does this, once, and says so in the test output.
 */
async function confirmStep(p: ConsolePage, name: string): Promise<void> {
  // Only once the dialog has finished opening: a click while it zooms in is the likeliest way to lose one.
  const open = await openedDialog(p.page);
  const confirm = open.getByRole('button', { name });
  await confirm.click();
  const closed = await p.page
    .locator('.ant-modal-wrap:visible')
    .waitFor({ state: 'hidden', timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  if (!closed && (await confirm.isVisible())) {
    process.stderr.write(`[grid-events] ${name}: the dialog was still open 5 s after the click; clicked again\n`);
    await confirm.click();
  }
}

/** A button's name: antd writes a space between the two characters of a two-character label ("受 理"), and an icon's name comes first ("plus 添加"). */
const button = (label: string) => new RegExp(`^(?:[a-z-]+ )?\\s*${[...label].join('\\s*')}\\s*$`);

/** Waits for antd's opening animations (a dialog zooming in, a tab sliding) to end, so that a screenshot shows what a reader sees. */
async function settled(p: ConsolePage): Promise<void> {
  await p.page.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-appear-start"], [class*="-enter-start"]'));
}

/** Each page is one the console drew without breaking and without asking anyone but the gateway. */
function expectClean(p: ConsolePage) {
  expect(p.pageErrors).toEqual([]);
  expect(foreignRequests(p)).toEqual([]);
}

let overdueId: string;

beforeAll(async () => {
  place = await pickPlace(2);
  worker = { dept: 'GRID', jurisdiction: place.gridCode, role: 'GRID_WORKER', sub: `ec-worker-${run}`, name: '李网格' };
  const population = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('population')) });
  await population.connect();
  try {
    resident = (await population.query('select id_number as "idNumber", name from person where id = $1', [place.personId])).rows[0];
  } finally {
    await population.end();
  }
  await withGridDatabase((db) =>
    db.query(
      `insert into event_category (code, name, parent_code, default_department, sla_hours_normal, sla_hours_urgent, sla_hours_critical, valid_from)
       values ($1, $2, '0200', 'HOUSING', $3, $3, $3, date '2026-01-01') on conflict do nothing`,
      [QUICK_HAZARD.code, QUICK_HAZARD.name, QUICK_HAZARD.hours],
    ),
  );
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
  // The event the supervisor will find overdue: reported, accepted and dispatched through the API now, so that its
  // 15 seconds run out while the loop below is worked in the browser (its history is the real one, step by step).
  const reported = (await api(worker, REPORT, { input: { category: QUICK_HAZARD.code, gridCode: place.gridCode, address: '7号楼楼道', description: `楼道堆放杂物 ${run}` } })).reportGridEvent;
  await api(dispatcher, ACCEPT, { id: reported.id, v: 1 });
  await api(dispatcher, DISPATCH, { id: reported.id, v: 2, dept: 'HOUSING' });
  overdueId = reported.id;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('a hazard goes around the closed loop in the console', () => {
  let eventId: string;
  let before: Record<string, string>;

  test('the 网格员 reports a hazard from a phone: category, place, the dwelling, the resident by ID number and a photo', async () => {
    before = await gridFigures(dispatcher, place.gridCode);
    const p = await browser.newPage(PHONE);
    const { page } = p;
    await p.signInAs(worker, 'GRID_SERVICE');
    await p.open('/grid/events/report');
    await page.getByRole('heading', { name: '上报事件' }).waitFor();

    // 类别 from the code table, by its Chinese names (main class, then sub-class).
    await page.getByRole('combobox', { name: '事件类别' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: /^安全隐患$/ }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: /^房屋安全隐患$/ }).click();
    // The grid is the worker's own; its dwellings are offered by address.
    await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '网格' }) }).textContent()).resolves.toContain(place.gridCode);
    const offered: Array<{ id: string; address: string }> = (
      await api(worker, 'query($c: String!) { grid(code: $c) { dwellingsConnection(first: 500) { nodes { id address } } } }', { c: place.gridCode })
    ).grid.dwellingsConnection.nodes;
    const dwelling = offered.find((d) => d.id === place.dwellingId) ?? offered[0];
    await page.getByRole('combobox', { name: '房屋' }).click();
    await page.getByRole('combobox', { name: '房屋' }).fill(dwelling.address);
    await page.locator('.ant-select-dropdown:visible').getByTitle(dwelling.address, { exact: true }).first().click();
    await page.getByLabel('地点').fill('3号楼2单元楼道');
    await page.getByLabel('事件描述').fill('楼道内堆放大量纸箱和电动车电池，堵塞消防通道');

    // A wrong check digit is refused as typed, in Chinese; the right one finds the resident's key, shown by name as the policy allows.
    const wrong = resident.idNumber.slice(0, 17) + (resident.idNumber[17] === '0' ? '1' : '0');
    await page.getByLabel('涉及人员身份证号码').fill(wrong);
    await page.getByRole('button', { name: button('添加') }).click();
    await expect(page.getByTestId('person-problem').textContent()).resolves.toContain('校验位错误');
    await page.getByLabel('涉及人员身份证号码').fill(resident.idNumber);
    await page.getByRole('button', { name: button('添加') }).click();
    const personShown = (await api(worker, 'query($n: String!) { person(idNumber: $n) { id name } }', { n: resident.idNumber })).person;
    await eventually(
      () => page.getByTestId('report-people').textContent(),
      (text) => expect(text).toContain(personShown.name),
    );
    expect(await page.getByTestId('report-people').textContent()).not.toContain(resident.idNumber);

    // Attachments: a file of the wrong type, one too large and one that only claims to be a photo are refused with
    // the server's limits in Chinese, before anything is sent; the real photo is taken.
    const fileInput = page.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByTestId('attachment-problem').textContent()).resolves.toContain('类型不允许');
    await fileInput.setInputFiles({ name: '大图.png', mimeType: 'image/png', buffer: Buffer.concat([PNG_1X1, Buffer.alloc(600 * 1024)]) });
    await eventually(
      () => page.getByTestId('attachment-problem').textContent(),
      (text) => expect(text).toContain('超过每个附件 512 KiB 的上限'),
    );
    await fileInput.setInputFiles({ name: '假照片.jpg', mimeType: 'image/jpeg', buffer: PNG_1X1 });
    await eventually(
      () => page.getByTestId('attachment-problem').textContent(),
      (text) => expect(text).toContain('内容与其类型不符'),
    );
    await fileInput.setInputFiles({ name: '楼道.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await eventually(
      () => page.getByTestId('report-attachments').textContent(),
      (text) => expect(text).toContain('楼道.png'),
    );
    // The form fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot('grid-events-report');
    await page.getByTestId('report-attachments').scrollIntoViewIfNeeded();
    await p.screenshot('grid-events-report-attachments');

    await page.getByRole('button', { name: button('上报') }).click();
    const link = page.getByTestId('reported-event-link');
    await link.waitFor();
    eventId = (await link.getAttribute('href'))!.split('/').pop()!;
    const event = await eventOf(dispatcher, eventId);
    expect(event).toMatchObject({
      category: '0203',
      status: 'REPORTED',
      priority: 'NORMAL',
      dwelling: { id: dwelling.id, address: dwelling.address },
      people: [{ id: place.personId }],
      attachments: [{ fileName: '楼道.png', contentType: 'image/png', sizeBytes: PNG_1X1.length }],
    });
    expectClean(p);
  });

  test('the dispatcher accepts it and dispatches it to housing, seeing the deadline first; a stale click is told so', async () => {
    expect(eventId).toBeDefined(); // reported by the test before
    const p = await browser.newPage();
    const { page } = p;
    await p.signInAs(dispatcher, 'GRID_SERVICE');

    // Another report, which a second dispatcher accepts behind this page's back: the page's 退回 then meets a newer version.
    const other = (await api(worker, REPORT, { input: { category: '0401', gridCode: place.gridCode, address: '小区东门', description: `垃圾堆放 ${run}` } })).reportGridEvent;
    await p.open('/grid/events/inbox');
    const row = (id: string) => page.locator(`tr[data-event-id="${id}"]`);
    await row(eventId).waitFor();
    await row(other.id).waitFor();
    await expect(row(eventId).textContent()).resolves.toContain('房屋安全隐患');
    await expect(row(eventId).textContent()).resolves.toContain('已上报');
    await api({ ...dispatcher, sub: `ec-dispatcher-b-${run}`, name: '周分拨' }, ACCEPT, { id: other.id, v: 1 });
    await row(other.id)
      .getByRole('button', { name: button('退回') })
      .click();
    // Filled and confirmed only once the dialog has finished opening, and a confirm that shows nothing within 5 s is
    // clicked again: a CI run, which clicked it without waiting for the dialog to open, waited 30 s in vain for the refusal.
    const rejecting = await openedDialog(page);
    await page.getByLabel('理由').fill('非网格事项');
    const confirmReject = rejecting.getByRole('button', { name: '确认退回' });
    const problem = page.getByRole('dialog').getByTestId('transition-problem');
    const problemShown = () =>
      problem.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
    await confirmReject.click();
    if (!(await problemShown())) {
      process.stderr.write('[grid-events] 确认退回: nothing shown 5 s after the click; clicked again\n');
      await confirmReject.click();
    }
    await expect(problem.textContent()).resolves.toContain('事件已被他人更新');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /重新加载/ })
      .click();
    await row(other.id).waitFor({ state: 'detached' });
    expect((await eventOf(dispatcher, other.id)).status).toBe('ACCEPTED');

    // 受理, then 分拨 from the 待分拨 tab: housing is the category's usual department; the deadline is shown before choosing.
    await row(eventId)
      .getByRole('button', { name: button('受理') })
      .click();
    await row(eventId).waitFor({ state: 'detached' });
    await openTab(page, '待分拨');
    await row(eventId)
      .getByRole('button', { name: button('分拨') })
      .click();
    await expect(
      page
        .getByRole('dialog')
        .locator('.ant-select', { has: page.getByRole('combobox', { name: '承办部门' }) })
        .textContent(),
    ).resolves.toContain('房屋');
    const expected = await page.getByTestId('expected-deadline').textContent();
    expect(expected).toContain('72 小时（3 天）');
    await settled(p);
    await p.screenshot('grid-events-dispatch');
    await confirmStep(p, '确认分拨');
    await row(eventId).waitFor({ state: 'detached' });
    const event = await eventOf(dispatcher, eventId);
    expect(event).toMatchObject({ status: 'DISPATCHED', assignedDepartment: 'HOUSING', slaLight: 'GREEN' });
    expect(expected).toContain(formatDateTime(event.deadline));
    expectClean(p);
  });

  test('housing starts and handles it in its queue, where the light says in words how much time is left', async () => {
    expect(eventId).toBeDefined(); // reported by the test before
    // The quick event dispatched in beforeAll is in this queue too: once it is red no light changes while the page is compared.
    await eventually(
      async () => (await eventOf(dispatcher, overdueId)).slaLight,
      (light) => expect(light).toBe('RED'),
      30_000,
    );
    const p = await browser.newPage();
    const { page } = p;
    await p.signInAs(housing, 'HOUSING_ADMINISTRATION');
    await p.open('/grid/events/queue');
    const row = page.locator(`tr[data-event-id="${eventId}"]`);
    await row.waitFor();
    const queue = (await api(housing, '{ myEventQueue(first: 100) { nodes { id slaLight escalated } } }')).myEventQueue.nodes;
    // The page lists the queue as the API orders it (督办 first, then by deadline), each light as a word.
    await eventually(
      () => page.locator('[data-testid="queue-待处置"] tr[data-event-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id'))),
      (ids) => expect(ids).toEqual(queue.map((e: { id: string }) => e.id).slice(0, 20)),
    );
    for (const shown of queue.slice(0, 20)) {
      await expect(page.locator(`tr[data-event-id="${shown.id}"] [data-sla-light]`).getAttribute('data-sla-light')).resolves.toBe(shown.slaLight);
    }
    await expect(row.locator('[data-sla-light]').textContent()).resolves.toBe('正常');
    await expect(row.locator('[data-masked]').textContent()).resolves.toContain('李*'); // the reporter, as housing may see them
    await p.screenshot('grid-events-queue');

    await row.getByRole('button', { name: '开始处置' }).click();
    await eventually(
      () => row.locator('[data-status]').textContent(),
      (text) => expect(text).toBe('处置中'),
    );
    await row.getByRole('button', { name: '处置完毕' }).click();
    await (await openedDialog(page)).getByLabel('处置结果').fill('已清理楼道堆物，张贴消防安全提示');
    await confirmStep(p, '确认处置完毕');
    await row.waitFor({ state: 'detached' });
    await openTab(page, '已处置待结案');
    await row.waitFor();
    expect(await eventOf(dispatcher, eventId)).toMatchObject({ status: 'HANDLED', handlingResult: '已清理楼道堆物，张贴消防安全提示' });

    // On the event's page housing reads the reporter's name masked, with the mark that says so.
    await row.locator('[data-event-link]').click();
    await page.getByTestId('event-details').waitFor();
    const details = page.getByTestId('event-details');
    await expect(details.locator('[data-masked]').first().textContent()).resolves.toContain('李*');
    expectClean(p);
  });

  test('the center closes it and calls back: 4 stars; the event page shows its whole history as the API keeps it', async () => {
    expect(eventId).toBeDefined(); // reported by the test before
    const p = await browser.newPage();
    const { page } = p;
    await p.signInAs(dispatcher, 'GRID_SERVICE');
    await p.open(`/grid/events/${eventId}`);
    await page.getByTestId('event-details').waitFor();
    await page.getByRole('button', { name: button('结案') }).click();
    await confirmStep(p, '确认结案');
    await titleAfterStep(p, '已结案');
    await page.getByRole('button', { name: button('回访') }).click();
    await page.getByRole('dialog').locator('.ant-rate-star').nth(3).click();
    await page.getByLabel('回访记录').fill('居民表示满意');
    await confirmStep(p, '确认回访');
    await titleAfterStep(p, '已回访');
    await expect(page.getByTestId('satisfaction').textContent()).resolves.toContain('4 星 · 满意');

    const event = await eventOf(dispatcher, eventId);
    expect(event.history.map((s: { action: string }) => s.action)).toEqual(['REPORT', 'ACCEPT', 'DISPATCH', 'START', 'HANDLE', 'CLOSE', 'FOLLOW_UP']);
    const steps = await page.locator('[data-history-action]').evaluateAll((items) => items.map((i) => (i as HTMLElement).innerText));
    expect(steps).toHaveLength(event.history.length);
    const STATUS: Record<string, string> = { REPORTED: '已上报', ACCEPTED: '已受理', DISPATCHED: '已分拨', IN_PROGRESS: '处置中', HANDLED: '已处置', CLOSED: '已结案', FOLLOWED_UP: '已回访' };
    event.history.forEach((step: { fromStatus: string | null; toStatus: string; actorName: string; at: string; note: string | null }, i: number) => {
      expect(steps[i]).toContain(`${step.fromStatus ? `${STATUS[step.fromStatus]} → ` : ''}${STATUS[step.toStatus]}`);
      expect(steps[i]).toContain(step.actorName);
      expect(steps[i]).toContain(formatDateTime(step.at));
      if (step.note) expect(steps[i]).toContain(step.note);
    });
    await expect(page.getByTestId('event-attachments').textContent()).resolves.toContain('楼道.png');
    // The photo itself, fetched only when asked for, is the one the 网格员 sent.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 楼道.png' }).click()]);
    expect(download.suggestedFilename()).toBe('楼道.png');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PNG_1X1)).toBe(true);
    await expect(page.getByTestId('event-people').textContent()).resolves.toContain(resident.name.slice(0, 1));
    // The README's picture: the whole page down to the end of the history, once the confirmations have faded.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    const bottom = await page.getByTestId('event-history').evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom + window.scrollY + 24));
    await page.setViewportSize({ width: 1366, height: Math.min(bottom, 2000) });
    await p.screenshot('grid-events-event');
    await page.setViewportSize({ width: 1366, height: 768 });
    expectClean(p);
  });

  test('the statistics page shows the grid one more reported and one more closed, as the API counts them', async () => {
    expect(eventId).toBeDefined(); // reported by the test before
    const after = await gridFigures(dispatcher, place.gridCode);
    expect(Number(after.reported)).toBe(Number(before.reported) + 2); // the hazard and the one the second dispatcher accepted
    expect(Number(after.closed)).toBe(Number(before.closed) + 1);
    const p = await browser.newPage();
    const { page } = p;
    await p.signInAs(dispatcher, 'GRID_SERVICE');
    await p.open('/grid/events/statistics');
    const row = page.locator('tr', { has: page.locator(`[data-statistics-row="${place.gridCode}"]`) });
    await row.waitFor();
    for (const figure of ['reported', 'closed', 'onTime', 'overdue'] as const) {
      await expect(row.locator(`[data-figure="${figure}"]`).textContent()).resolves.toBe(`${after[figure]} 件`);
    }
    const bar = await page.locator(`[data-testid="statistics-chart"] [data-statistics-key="${place.gridCode}"]`).getAttribute('aria-label');
    expect(bar).toContain(`上报 ${after.reported} 件，结案 ${after.closed} 件，超期 ${after.overdue} 件`);
    await p.screenshot('grid-events-statistics');
    expectClean(p);

    // Housing may see the grid's figures, small ones only as "<5" — and the page shows them so.
    const h = await browser.newPage();
    await h.signInAs(housing, 'HOUSING_ADMINISTRATION');
    await h.open('/grid/events/statistics');
    const housingFigures = await gridFigures(housing, place.gridCode);
    const housingRow = h.page.locator('tr', { has: h.page.locator(`[data-statistics-row="${place.gridCode}"]`) });
    await housingRow.waitFor();
    for (const figure of ['reported', 'closed'] as const) {
      await expect(housingRow.locator(`[data-figure="${figure}"]`).textContent()).resolves.toBe(`${housingFigures[figure]} 件`);
      expect(await housingRow.locator(`[data-figure="${figure}"] [data-small-count]`).count()).toBe(housingFigures[figure] === '<5' ? 1 : 0);
    }
    expect(await h.page.getByText('按网格员').count()).toBe(0); // 考核 per worker is the grid center's own
    await h.screenshot('grid-events-statistics-housing');
    expectClean(h);
  });
});

test('the supervisor finds the overdue event on the 督办 list, in red and in words, and escalates it', async () => {
  await eventually(
    async () => (await eventOf(supervisor, overdueId)).slaLight,
    (light) => expect(light).toBe('RED'),
    30_000,
  );
  const p = await browser.newPage();
  const { page } = p;
  await p.signInAs(supervisor, 'GRID_SERVICE');
  await p.open('/grid/events/overdue');
  const overdue = (await api(supervisor, '{ overdueGridEvents(first: 20) { totalCount nodes { id } } }')).overdueGridEvents;
  expect(overdue.nodes.map((e: { id: string }) => e.id)).toContain(overdueId);
  await eventually(
    () => page.locator('[data-testid="overdue-table"] tr[data-event-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id'))),
    (ids) => expect(ids).toEqual(overdue.nodes.map((e: { id: string }) => e.id)),
  );
  const row = page.locator(`tr[data-event-id="${overdueId}"]`);
  await expect(row.locator('[data-sla-light]').textContent()).resolves.toBe('超期');
  await expect(row.textContent()).resolves.toMatch(/超期(不足 1 分钟| \d+ (分钟|小时))/);
  await p.screenshot('grid-events-overdue');
  await row.getByRole('button', { name: button('督办') }).click();
  await (await openedDialog(page)).getByLabel('督办意见').fill('已超期，请立即处置');
  await confirmStep(p, '确认督办');
  await eventually(
    () => row.locator('[data-escalated]').count(),
    (n) => expect(n).toBe(1),
  );
  expect(await eventOf(supervisor, overdueId)).toMatchObject({ status: 'DISPATCHED', priority: 'URGENT', escalated: true, escalationNote: '已超期，请立即处置' });
  // Housing's queue has it first, marked 督办, with the supervisor's words.
  const h = await browser.newPage();
  await h.signInAs(housing, 'HOUSING_ADMINISTRATION');
  await h.open('/grid/events/queue');
  const first = h.page.locator('[data-testid="queue-待处置"] tr[data-event-id]').first();
  await first.waitFor();
  const queueFirst = (await api(housing, '{ myEventQueue(first: 1) { nodes { id escalated } } }')).myEventQueue.nodes[0];
  expect(queueFirst.escalated).toBe(true);
  await expect(first.getAttribute('data-event-id')).resolves.toBe(queueFirst.id);
  expectClean(p);
  expectClean(h);
});

test('the center does not confirm handling that is not done: 退回重办 with a reason puts the event back in the department’s hands', async () => {
  const { id } = (await api(worker, REPORT, { input: { category: '0203', gridCode: place.gridCode, address: '5号楼', description: `外墙瓷砖脱落 ${run}` } })).reportGridEvent;
  await api(dispatcher, ACCEPT, { id, v: 1 });
  await api(dispatcher, DISPATCH, { id, v: 2, dept: 'HOUSING' });
  await api(housing, START, { id, v: 3 });
  await api(housing, HANDLE, { id, v: 4, result: '已加固外墙' });
  const p = await browser.newPage();
  const { page } = p;
  await p.signInAs(dispatcher, 'GRID_SERVICE');
  await p.open('/grid/events/inbox');
  await openTab(page, '待结案');
  const row = page.locator(`tr[data-event-id="${id}"]`);
  await row.waitFor();
  await expect(row.locator('[data-status]').textContent()).resolves.toBe('已处置');
  await row.getByRole('button', { name: '退回重办' }).click();
  // Confirmed once the dialog has finished opening: a click while it zooms in was lost under load (a CI run).
  const form = await openedDialog(page);
  await form.getByRole('button', { name: '确认退回重办' }).click();
  await expect(form.getByText('请填写理由').textContent()).resolves.toBe('请填写理由'); // a reason is required, in Chinese
  await page.getByLabel('理由').fill('现场复核仍有脱落风险');
  await page.getByRole('button', { name: '确认退回重办' }).click();
  await row.waitFor({ state: 'detached' });
  const event = await eventOf(dispatcher, id);
  expect(event.status).toBe('IN_PROGRESS');
  expect(event.history[event.history.length - 1]).toMatchObject({ action: 'REJECT_HANDLING', fromStatus: 'HANDLED', toStatus: 'IN_PROGRESS', actorName: '王分拨', note: '现场复核仍有脱落风险' });
  expectClean(p);
});
