/**
 * 案件登记 at the console. An officer of the district chooses 案件侦查 without a case and starts in the register:
 * the district's open cases with the people they name, not the closed one. The form refuses a wrong ID check digit
 * before sending anything; the officer registers a case naming a resident, works under it (the shell shows it, the
 * person page's request carries it and is answered) and closes it with a reason, which ends the session's case. A
 * colleague may work under the case but not close it, and their next look-up under it, once closed, is refused
 * with the console's CASE_NOT_OPEN explanation. Under 流动人口服务管理 the page says what the register is for.
 */
import { randomUUID } from 'node:crypto';
import { STREETS, todayInChina } from '@hub/domain';
import { postGraphQL, startHub, testSeedManifest, userToken, type RunningHub, type TestUser } from '@hub/testkit';
import type { Page } from 'playwright-core';
import { foreignRequests, lookUpPerson, openConsoleBrowser, type ConsoleBrowser, type ConsolePage } from './browser';

const PURPOSE = 'CASE_INVESTIGATION';
const DISTRICT = '120112';
const planted = testSeedManifest().planted;
const run = randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
/**
 * A number as the police's case system writes one (A, the unit's 12-digit code, year and month, a 4-character serial): unique per
 * run, and before the seeded numbers (JN-…, XJ-…) in the register's order, so the first page shows it.
 */
const caseNumber = `A${DISTRICT}000000${todayInChina().slice(0, 7).replace('-', '')}${run.slice(0, 4)}`;
const seededOpen = planted.investigationCases.filter((c) => c.open && c.jurisdiction.startsWith(DISTRICT));
const seededClosed = planted.investigationCases.filter((c) => !c.open && c.jurisdiction.startsWith(DISTRICT));
const streetCase = seededOpen.find((c) => c.jurisdiction.length === 9)!;
/** The resident the new case names: a person a seeded case already names, living in a grid of the district. */
const subject = planted.investigationCaseSubjects.find((s) => s.gridCode?.startsWith(DISTRICT))!;

const officer: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'OFFICER', sub: `cases-opener-${run}`, name: '刘警官' };
const colleague: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'OFFICER', sub: `cases-colleague-${run}`, name: '陈警官' };
const supervisor: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'SUPERVISOR', sub: `cases-chief-${run}`, name: '孙所长' };

const REGISTER = 'query($open: Boolean) { investigationCases(open: $open, first: 100) { totalCount nodes { caseNumber open openedBy subjects { id name } } } }';

interface RegisterAnswer {
  investigationCases: { totalCount: number; nodes: Array<{ caseNumber: string; open: boolean; openedBy: string; subjects: Array<{ id: string; name: string | null }> }> };
}

/** The register as the API answers the officer (case investigation needs no case for it). */
async function apiRegister(open: boolean | null): Promise<RegisterAnswer['investigationCases']> {
  const headers = { authorization: `Bearer ${await userToken(officer)}`, 'x-purpose': PURPOSE };
  const response = await postGraphQL<RegisterAnswer>(hub.gatewayUrl, REGISTER, { open }, headers);
  expect(response.errors).toBeUndefined();
  return response.data!.investigationCases;
}

/** Columns of the register's table. */
const COL = { number: 0, summary: 1, region: 2, openedBy: 3, openedOn: 4, status: 5, subjects: 6 };

let hub: RunningHub;
let browser: ConsoleBrowser;
let p: ConsolePage;
let page: Page;
let colleaguePage: ConsolePage;
/** The subject's name as the API gives it to case investigation. */
let subjectName: string;
const pages: ConsolePage[] = [];

async function newPage(): Promise<ConsolePage> {
  const opened = await browser.newPage();
  pages.push(opened);
  return opened;
}

/** The register's rows once its answer is in, by case number, each as its cells' text. */
async function shownCases(on: Page): Promise<Map<string, string[]>> {
  await on.locator('[data-testid="investigation-cases"] .ant-spin-spinning').waitFor({ state: 'hidden' });
  const rows = await on.$$eval('[data-testid="investigation-cases"] tbody tr.ant-table-row', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())),
  );
  return new Map(rows.map((cells) => [cells[COL.number].split(/\s/)[0], cells]));
}

/** Waits for antd's opening animations (a dialog zooming in) to end, so that a click or a screenshot meets what a reader sees. */
async function settled(on: Page): Promise<void> {
  await on.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-appear-start"], [class*="-enter-start"]'));
}

/**
 * Opens the register and waits for its answer before reading the table: the spinner is not up yet the moment the page
 * opens, so waiting for it to go could read a table not yet asked for (a CI run did).
 */
async function openRegister(on: ConsolePage): Promise<Map<string, string[]>> {
  await Promise.all([on.page.waitForResponse(isOperation('PoliceInvestigationCases')), on.open('/police/cases')]);
  return shownCases(on.page);
}

/**
 * Chooses 在办, 已结 or 全部, waits for the register's answer to that choice, then reads the table once it shows that
 * answer's cases (a CI run read the previous choice's rows: the answer had arrived, the table not yet redrawn).
 */
async function showCases(on: Page, label: '在办' | '已结' | '全部'): Promise<Map<string, string[]>> {
  const [response] = await Promise.all([on.waitForResponse(isOperation('PoliceInvestigationCases')), on.locator('.ant-segmented').getByText(label, { exact: true }).click()]);
  const answered = ((await response.json()) as { data: RegisterAnswer }).data.investigationCases.nodes.map((c) => c.caseNumber).sort();
  await on.waitForFunction((numbers) => {
    const shown = [...document.querySelectorAll('[data-testid="investigation-cases"] tbody tr.ant-table-row')].map((tr) => (tr.querySelector('td') as HTMLElement).innerText.trim().split(/\s/)[0]);
    return JSON.stringify(shown.sort()) === JSON.stringify(numbers);
  }, answered);
  return shownCases(on);
}

const graphQLRequests = () => p.requests.filter((url) => url.endsWith('/graphql')).length;
const isOperation = (name: string) => (r: { url(): string; request(): { postData(): string | null } }) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(name);
/** "2026-12-05" as the console writes it. */
const chineseDate = (date: string) => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;

beforeAll(async () => {
  expect(seededOpen.length).toBeGreaterThanOrEqual(2);
  expect([seededClosed[0], streetCase, subject].every(Boolean)).toBe(true);
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
  p = await newPage();
  page = p.page;
  const seeded = (await apiRegister(true)).nodes.find((c) => c.caseNumber === subject.caseNumber)!;
  subjectName = seeded.subjects.find((s) => s.id === subject.personId)!.name!;
  expect(subjectName).toMatch(/^\p{Script=Han}{2,4}$/u);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

afterEach(() => {
  for (const opened of pages) {
    expect(foreignRequests(opened)).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
  }
});

test('案件侦查 without a case starts in the register: the district’s open cases with the people they name, not the closed one', async () => {
  await p.signInAs(officer, undefined);
  await page.goto(`${p.origin}/`);
  await page.getByText('选择本次工作的用途').waitFor();
  await page.getByRole('radio', { name: /案件侦查/ }).check();
  await page.getByText('也可不填，先进入案件登记').waitFor();
  const registerAnswered = page.waitForResponse(isOperation('PoliceInvestigationCases'));
  await page.getByRole('button', { name: '开始工作' }).click();
  await registerAnswered;

  await page.getByRole('heading', { name: '案件登记' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/police/cases');
  await expect(page.getByTestId('case').count()).resolves.toBe(0);
  await expect(page.getByTestId('current-case').innerText()).resolves.toContain('尚未选择案件');

  const expected = await apiRegister(true);
  const shown = await shownCases(page);
  expect([...shown.keys()].sort()).toEqual(expected.nodes.map((c) => c.caseNumber).sort());
  for (const seeded of seededOpen) expect(shown.has(seeded.caseNumber)).toBe(true);
  for (const closed of seededClosed) expect(shown.has(closed.caseNumber)).toBe(false);
  for (const cells of shown.values()) expect(cells[COL.status]).toBe('在办');
  await expect(page.getByTestId('page-position').innerText()).resolves.toContain(`共 ${expected.totalCount} 件`);
  // The people each case names, by the names population gives case investigation.
  for (const listed of expected.nodes) {
    for (const named of listed.subjects) expect(shown.get(listed.caseNumber)![COL.subjects]).toContain(named.name);
  }
  // A street's case reads with the street's name.
  const street = STREETS.find((s) => s.code === streetCase.jurisdiction)!;
  expect(shown.get(streetCase.caseNumber)![COL.region]).toBe(street.name);

  // 已结: the closed case, with the day it was closed.
  const closed = await showCases(page, '已结');
  expect([...closed.keys()]).toEqual(expect.arrayContaining(seededClosed.map((c) => c.caseNumber)));
  for (const seeded of seededOpen) expect(closed.has(seeded.caseNumber)).toBe(false);
  expect(closed.get(seededClosed[0].caseNumber)![COL.status]).toMatch(/^已结\s*\d{4}年\d{2}月\d{2}日$/);
  const all = await showCases(page, '全部');
  const everyCase = await apiRegister(null);
  expect([...all.keys()].sort()).toEqual(everyCase.nodes.map((c) => c.caseNumber).sort());
  await expect(page.getByTestId('page-position').innerText()).resolves.toContain(`共 ${everyCase.totalCount} 件`);
  await showCases(page, '在办');
});

test('the form refuses a subject’s ID number with a wrong check digit before anything is sent', async () => {
  await page.getByRole('button', { name: /立案登记/ }).click();
  const dialog = page.getByRole('dialog', { name: '立案登记' });
  await dialog.waitFor();
  await settled(page);
  const sent = graphQLRequests();
  const wrongDigit = subject.idNumber[17] === '0' ? '1' : '0';
  await dialog.getByLabel('案件编号').fill(caseNumber);
  await dialog.getByLabel('简要案情').fill('入室盗窃案：嫌疑人多次夜间翻窗入室');
  await dialog.getByLabel('涉案人员 1 身份证号码').fill(subject.idNumber.slice(0, 17) + wrongDigit);
  await dialog.getByRole('button', { name: /登\s*记/ }).click();
  await dialog.getByText(`身份证号码校验位错误：按 GB 11643 最后一位应为 ${subject.idNumber[17]}，而不是 ${wrongDigit}`).waitFor();
  await page.waitForTimeout(300); // a request the click might have started would have left by now
  expect(graphQLRequests()).toBe(sent);
});

test('registers a case naming a resident; it is listed with the resident’s name', async () => {
  const dialog = page.getByRole('dialog', { name: '立案登记' });
  await dialog.getByLabel('涉案人员 1 身份证号码').fill(subject.idNumber);
  await dialog.getByText('身份证号码校验位错误').waitFor({ state: 'detached' });
  // 所属区域 is the officer's jurisdiction unless chosen otherwise.
  await expect(dialog.innerText()).resolves.toContain(`（${DISTRICT}）`);
  await page.mouse.move(0, 0);
  await p.screenshot('police-case-open-form');

  const [opened] = await Promise.all([page.waitForResponse(isOperation('PoliceOpenInvestigationCase')), dialog.getByRole('button', { name: /登\s*记/ }).click()]);
  expect((await opened.json()).errors).toBeUndefined();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('investigation-cases').getByText(caseNumber).waitFor();
  const row = (await shownCases(page)).get(caseNumber)!;
  expect(row[COL.summary]).toBe('入室盗窃案：嫌疑人多次夜间翻窗入室');
  await expect(page.getByTestId('investigation-cases').locator('tr', { hasText: caseNumber }).locator('[data-region]').getAttribute('data-region')).resolves.toBe(DISTRICT);
  expect(row[COL.openedBy]).toBe('刘警官（本人）');
  expect(row[COL.openedOn]).toBe(chineseDate(todayInChina()));
  expect(row[COL.status]).toBe('在办');
  expect(row[COL.subjects]).toBe(subjectName);

  const registered = (await apiRegister(true)).nodes.find((c) => c.caseNumber === caseNumber);
  expect(registered).toEqual({ caseNumber, open: true, openedBy: officer.sub, subjects: [{ id: subject.personId, name: subjectName }] });
});

test('works under the new case: the shell shows it, its row stands out, and the person page’s request carries it and is answered', async () => {
  await page.getByRole('button', { name: `在案件 ${caseNumber} 下工作` }).click();
  await expect(page.getByTestId('case').innerText()).resolves.toBe(`案件：${caseNumber}`);
  await expect(page.getByTestId('current-case').innerText()).resolves.toContain(`正在案件 ${caseNumber} 下工作`);
  const row = page.getByTestId('investigation-cases').locator('tr.ant-table-row', { hasText: caseNumber });
  await expect(row.getAttribute('class')).resolves.toContain('current-case');
  await expect(page.getByTestId('investigation-cases').locator('tr.current-case').count()).resolves.toBe(1);
  await page.mouse.move(0, 0);
  await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
  await settled(page);
  await p.screenshot('police-cases');

  const sent = page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes(subject.idNumber));
  await lookUpPerson(p, subject.idNumber);
  expect((await sent).headers()['x-case-id']).toBe(caseNumber);
  await page.getByTestId('person-record').waitFor();
  await expect(page.getByTestId('section-identity').innerText()).resolves.toContain(subjectName);
  await expect(page.getByRole('alert').count()).resolves.toBe(0);
});

test('a colleague may work under the case but not close it; a supervisor may close it', async () => {
  colleaguePage = await newPage();
  await colleaguePage.signInAs(colleague, PURPOSE);
  const row = (await openRegister(colleaguePage)).get(caseNumber)!;
  expect(row[COL.openedBy]).toBe('刘警官');
  const close = colleaguePage.page.getByRole('button', { name: `结案 ${caseNumber}` });
  await expect(close.isDisabled()).resolves.toBe(true);
  // A disabled button takes no pointer events: the pointer goes where it is, and its tooltip answers.
  await close.hover({ force: true });
  await colleaguePage.page.getByRole('tooltip').getByText('由立案人或审批人（SUPERVISOR）结案').waitFor();
  // The seeded cases were opened by another officer too.
  for (const seeded of seededOpen) await expect(colleaguePage.page.getByRole('button', { name: `结案 ${seeded.caseNumber}` }).isDisabled()).resolves.toBe(true);
  await colleaguePage.page.getByRole('button', { name: `在案件 ${caseNumber} 下工作` }).click();
  await expect(colleaguePage.page.getByTestId('case').innerText()).resolves.toBe(`案件：${caseNumber}`);

  const chief = await newPage();
  await chief.signInAs(supervisor, PURPOSE);
  await openRegister(chief);
  await expect(chief.page.getByRole('button', { name: `结案 ${caseNumber}` }).isEnabled()).resolves.toBe(true);
});

test('the opener closes the case with a reason: the session leaves it, it is 已结, and the colleague’s next look-up under it is refused', async () => {
  await openRegister(p);
  await page.getByRole('button', { name: `结案 ${caseNumber}` }).click();
  const dialog = page.getByRole('dialog', { name: `结案：${caseNumber}` });
  await dialog.waitFor();
  await settled(page);
  // No reason, no closing.
  const sent = graphQLRequests();
  await dialog.getByRole('button', { name: '确认结案' }).click();
  await dialog.getByText('请填写结案说明').waitFor();
  expect(graphQLRequests()).toBe(sent);
  await dialog.getByLabel('结案说明').fill('犯罪嫌疑人已到案，移送起诉');
  const [closed] = await Promise.all([page.waitForResponse(isOperation('PoliceCloseInvestigationCase')), dialog.getByRole('button', { name: '确认结案' }).click()]);
  expect((await closed.json()).errors).toBeUndefined();
  await dialog.waitFor({ state: 'hidden' });

  // The session no longer works under it, and it has left the 在办 list.
  await page.getByTestId('case').waitFor({ state: 'detached' });
  await expect(page.getByTestId('current-case').innerText()).resolves.toContain('尚未选择案件');
  await page.getByTestId('investigation-cases').getByText(caseNumber).waitFor({ state: 'detached' });
  expect((await showCases(page, '已结')).get(caseNumber)![COL.status]).toMatch(new RegExp(`^已结\\s*${chineseDate(todayInChina())}$`));
  expect((await apiRegister(false)).nodes.find((c) => c.caseNumber === caseNumber)?.open).toBe(false);

  // The colleague still works under it in their own session: the next look-up is refused, and says why.
  await lookUpPerson(colleaguePage, subject.idNumber);
  const refusal = colleaguePage.page.getByRole('alert').filter({ hasText: '不能以该案件查询' });
  await refusal.waitFor();
  // The reason the register gave (CASE_CLOSED), not the list of every possible one.
  await expect(refusal.innerText()).resolves.toContain('该案件已结案');
  await expect(colleaguePage.page.locator('th.ant-descriptions-item-label').count()).resolves.toBe(0);
});

test('under 流动人口服务管理 the register says it is for 案件侦查, asks nothing, and switches the purpose on request', async () => {
  const floating = await newPage();
  await floating.signInAs(officer, 'FLOATING_POPULATION_MANAGEMENT');
  await floating.open('/police/cases');
  await floating.page.getByText('案件登记用于「案件侦查」').waitFor();
  expect(floating.requests.filter((url) => url.endsWith('/graphql'))).toEqual([]);
  await Promise.all([floating.page.waitForResponse(isOperation('PoliceInvestigationCases')), floating.page.getByRole('button', { name: /改为「案件侦查」用途/ }).click()]);
  await expect(floating.page.getByTestId('purpose').innerText()).resolves.toContain('案件侦查');
  expect((await shownCases(floating.page)).has(seededOpen[0].caseNumber)).toBe(true);
});
