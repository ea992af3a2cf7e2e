/**
 * A police officer of the district (流动人口服务管理) at the console: opens the list of residents whose 居住证
 * lapses within 30 days and finds exactly those the API names (every planted lapsed permit among them), pages
 * forward and back, narrows the floating-population search by 流入原因 and 住所类型, is stopped by the form before
 * a landlord ID number with a wrong check digit is sent, and opens a resident's joined record — dwelling, grid,
 * landlord, the dwelling's tenancies — which keeps showing the rest when the housing department goes down.
 */
import { todayInChina } from '@hub/domain';
import { postGraphQL, startHub, testSeedManifest, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';
import type { Page } from 'playwright-core';
import { foreignRequests, LAPTOP, openConsoleBrowser, type ConsoleBrowser, type ConsolePage } from './browser';

const PURPOSE = 'FLOATING_POPULATION_MANAGEMENT';
const PAGE = 20; // the console's default page size

const LIST = `
  query Listing($filter: FloatingPopulationFilter, $first: Int, $after: String, $orderBy: FloatingPopulationOrder) {
    floatingPopulation(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id permitExpiresOn inflowReason residenceType person { name idNumber } landlord { name } dwelling { address grid { name } } }
    }
  }`;

interface Row {
  id: string;
  permitExpiresOn: string | null;
  person: { name: string; idNumber: string };
  landlord: { name: string } | null;
  dwelling: { address: string; grid: { name: string } };
}

let hub: RunningHub;
let browser: ConsoleBrowser;
let p: ConsolePage;
let page: Page;
const officer: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: '120112', name: '李警官', sub: 'police-console-test' };
const manifest = testSeedManifest();

interface ListPage {
  floatingPopulation: { totalCount: number; nodes: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** What the API answers the officer for the same search, page by page (the console's page size). */
async function apiPages(filter: Record<string, unknown>, orderBy: 'ID' | 'PERMIT_EXPIRES_ON', maxPages = 100): Promise<{ pages: Row[][]; totalCount: number }> {
  const headers = { authorization: `Bearer ${await userToken(officer)}`, 'x-purpose': PURPOSE };
  const pages: Row[][] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let i = 0; i < maxPages; i++) {
    const response: GraphQLResponse<ListPage> = await postGraphQL<ListPage>(hub.gatewayUrl, LIST, { filter, first: PAGE, after, orderBy }, headers);
    expect(response.errors).toBeUndefined();
    const connection = response.data!.floatingPopulation;
    totalCount = connection.totalCount;
    pages.push(connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { pages, totalCount };
}

const isGraphQL = (url: string) => url.endsWith('/graphql');
const graphQLRequests = () => p.requests.filter(isGraphQL).length;

/** The rows of the results table once its answer is in, each as its cells' text. */
async function shownRows(): Promise<string[][]> {
  await page.locator('[data-testid="floating-table"] .ant-spin-spinning').waitFor({ state: 'hidden' });
  return page.$$eval('[data-testid="floating-table"] tbody tr.ant-table-row', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
}

/** Clicks and waits for the search it starts to be answered. */
async function clickAndWait(name: string | RegExp) {
  await Promise.all([page.waitForResponse((r) => isGraphQL(r.url())), page.getByRole('button', { name }).click()]);
}

/** Columns of the results table. */
const COL = { name: 1, idNumber: 2, inflowReason: 3, residenceType: 4, expires: 7, address: 8, landlord: 9, grid: 10 };

beforeAll(async () => {
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
  p = await browser.newPage();
  page = p.page;
  await p.signInAs(officer, PURPOSE);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

afterEach(() => {
  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
});

test('the 30-day list shows exactly the residents whose permit lapses within 30 days, earliest first, page by page and back', async () => {
  const before = new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const expected = await apiPages({ permitExpiresBefore: before }, 'PERMIT_EXPIRES_ON');
  expect(expected.pages.length).toBeGreaterThan(1); // enough lapsing permits in the district to page

  await p.open('/police/permits-expiring');
  await page.getByRole('heading', { name: '居住证 30 天内到期' }).waitFor();
  await page.getByText(`共 ${expected.totalCount} 人`).waitFor();
  const first = await shownRows();
  expect(first.map((r) => r[COL.idNumber])).toEqual(expected.pages[0].map((n) => n.person.idNumber));
  await page.waitForTimeout(300); // the buttons' fade from "loading" to enabled
  await p.screenshot('police');

  // Every page forward: the same residents as the API, in the same order; each permit's days left is under 30.
  const seen: string[][][] = [first];
  for (let i = 1; i < expected.pages.length; i++) {
    await clickAndWait('下一页');
    await page
      .getByTestId('page-number')
      .getByText(`第 ${i + 1} 页`)
      .waitFor();
    seen.push(await shownRows());
    expect(seen[i].map((r) => r[COL.idNumber])).toEqual(expected.pages[i].map((n) => n.person.idNumber));
  }
  await expect(page.getByRole('button', { name: '下一页' }).isDisabled()).resolves.toBe(true);
  const daysLeft = await page.$$eval('[data-testid="floating-table"] [data-days-left]', (tags) => tags.map((t) => Number(t.getAttribute('data-days-left'))));
  expect(daysLeft.length).toBe(seen[seen.length - 1].length);
  expect(daysLeft.every((d) => d < 30)).toBe(true);

  const shownIds = seen.flat().map((r) => r[COL.idNumber]);
  expect(shownIds).toHaveLength(expected.totalCount);
  expect(new Set(shownIds).size).toBe(shownIds.length);
  // Every ACTIVE registration the seed planted with an already expired permit, in this district, is on the list.
  const planted = manifest.planted.lapsedPermitStillActive.filter((l) => l.reason === 'PERMIT_EXPIRED' && l.gridCode.startsWith(officer.jurisdiction));
  expect(planted.length).toBeGreaterThan(0);
  for (const lapsed of planted) expect(shownIds).toContain(lapsed.idNumber);

  // And back: the cursor stack returns the earlier pages unchanged.
  await clickAndWait('上一页');
  await page
    .getByTestId('page-number')
    .getByText(`第 ${expected.pages.length - 1} 页`)
    .waitFor();
  expect((await shownRows()).map((r) => r[COL.idNumber])).toEqual(seen[seen.length - 2].map((r) => r[COL.idNumber]));
  await page.getByRole('button', { name: '回到第 1 页' }).click();
  await page.getByTestId('page-number').getByText('第 1 页').waitFor();
  expect(await shownRows()).toEqual(first);
});

test('a landlord ID number with a wrong check digit, or a registration date in the future, is refused in Chinese and nothing is sent', async () => {
  await p.open('/police/floating-population');
  await page.getByRole('heading', { name: '流动人口查询' }).waitFor();
  await shownRows();
  const sent = graphQLRequests();
  await page.getByRole('textbox', { name: '房东身份证号码' }).fill('120112198503120017');
  const tomorrow = new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('textbox', { name: '登记日期晚于' }).fill(tomorrow);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByText('身份证号码校验位错误：按 GB 11643 最后一位应为 8，而不是 7').waitFor();
  await page.getByText(`登记日期（晚于）不能晚于今天（${todayInChina()}）`).waitFor();
  await page.waitForTimeout(300);
  expect(graphQLRequests()).toBe(sent);
});

test('the search narrows by 流入原因 务工 and 住所类型 租赁房屋: only matching rows, in Chinese', async () => {
  await p.open('/police/floating-population');
  await page.getByRole('heading', { name: '流动人口查询' }).waitFor();
  await shownRows();
  await page.getByRole('combobox', { name: '流入原因' }).click();
  await page.getByTitle('务工（01）').click();
  await page.getByRole('combobox', { name: '住所类型' }).click();
  await page.getByTitle('租赁房屋（02）').click();
  await clickAndWait(/查\s*询/);
  const rows = await shownRows();
  const expected = await apiPages({ inflowReason: '01', residenceType: '02' }, 'ID', 1);
  expect(rows.map((r) => r[COL.idNumber])).toEqual(expected.pages[0].map((n) => n.person.idNumber));
  expect(rows.length).toBe(PAGE);
  for (const row of rows) {
    expect(row[COL.inflowReason]).toBe('务工');
    expect(row[COL.residenceType]).toBe('租赁房屋');
  }
  // The count only when asked for: it costs a scan.
  await expect(page.getByTestId('total-count').textContent()).resolves.toContain('未统计总数');
  await Promise.all([page.waitForResponse((r) => isGraphQL(r.url())), page.getByRole('switch', { name: '统计总数' }).click()]);
  await page.getByTestId('total-count').getByText(`共 ${expected.totalCount} 人`).waitFor();
});

test('a resident opened from the list shows the dwelling, its grid, the landlord and the tenancies; a housing outage leaves the rest', async () => {
  const expected = await apiPages({ inflowReason: '01', residenceType: '02' }, 'ID', 1);
  const resident = expected.pages[0][0];
  const rows = await shownRows();
  expect(rows[0][COL.name]).toBe(resident.person.name);
  expect(rows[0][COL.landlord]).toContain(resident.landlord!.name);
  await page
    .getByRole('button', { name: `查看 ${resident.person.name} 的人员详情` })
    .first()
    .click();
  await page.getByTestId('person-record').waitFor();
  // The ID number is in the page's state, never in its address.
  expect(new URL(page.url()).pathname).toBe('/people');
  expect(page.url()).not.toContain(resident.person.idNumber);

  const section = (id: string) => page.getByTestId(id);
  await expect(section('section-identity').innerText()).resolves.toContain(resident.person.name);
  const residence = await section('section-residence').innerText();
  expect(residence).toContain(resident.dwelling.address);
  expect(residence).toContain(resident.dwelling.grid.name);
  await expect(section('section-floating').innerText()).resolves.toMatch(/务工[\s\S]*租赁房屋/);
  await expect(section('section-landlord').innerText()).resolves.toContain(resident.landlord!.name);
  const tenancies = await section('section-tenancies').innerText();
  expect(tenancies).toContain(resident.landlord!.name); // the landlord the police recorded lets this dwelling, per housing
  expect(tenancies).toMatch(/在租|已结束/);
  // Owned dwellings are not for this purpose: the cell says so rather than looking empty.
  await expect(section('section-owned').innerText()).resolves.toContain('无权限');
  // The README's picture: the record down to the tenancies, on a taller window than the laptop's.
  await page.setViewportSize({ width: LAPTOP.width, height: 1360 });
  await page.waitForTimeout(300);
  await p.screenshot('police-person');
  await page.setViewportSize(LAPTOP);

  // Housing goes down: the page names the department, marks its fields, and shows everyone else's data.
  await hub.processes.get('housing')!.stop();
  await Promise.all([page.waitForResponse((r) => isGraphQL(r.url())), page.reload()]);
  await page.getByTestId('person-record').waitFor();
  await page.getByRole('alert').filter({ hasText: '房屋部门的系统暂时无法访问' }).waitFor();
  await expect(section('section-residence').innerText()).resolves.toContain('房屋暂不可用');
  await expect(section('section-tenancies').innerText()).resolves.toContain('房屋暂不可用');
  await expect(section('section-identity').innerText()).resolves.toContain(resident.person.name);
  await expect(section('section-residence').innerText()).resolves.toContain(resident.dwelling.grid.name);
  await expect(section('section-landlord').innerText()).resolves.toContain(resident.landlord!.name);
});
