/**
 * The grid center's day in the console: a street's grid officer opens the grid tree, finds the busiest grid by
 * its code, reads its summary (each count exactly as the API gives it for the same grid), pages through its
 * residents, then opens the street's cross-department discrepancies on the seed's date, finds a planted one and
 * follows it to the dwelling on the housing side, where the tenancy it names is shown. A housing officer opening
 * the same kind of page sees small counts as "<5" and the household list as 无权限. Real hub, real Chromium.
 */
import type { Purpose } from '@hub/access';
import { postGraphQL, startHub, testSeedManifest, userToken, type RunningHub, type TestUser } from '@hub/testkit';
import { foreignRequests, openConsoleBrowser, type ConsoleBrowser } from './browser';

const manifest = testSeedManifest();
const planted = manifest.planted;

/**
 * The grid with the most planted discrepancies (as e2e/grid-center picks it), of a street where a tenant without a
 * floating registration is planted (the discrepancy the officer follows below, in the street's list).
 */
const busiestGrid = (() => {
  const counts = new Map<string, number>();
  const grids = [
    ...planted.deceasedWithActiveAssistance,
    ...planted.floatingRegisteredElsewhere,
    ...planted.lapsedPermitStillActive,
    ...planted.tenantWithoutFloatingRegistration,
    ...planted.assistanceHouseholdExcessDwellings,
    ...planted.assistanceHouseholdNonExemptVehicle,
  ].map((p) => p.gridCode);
  for (const grid of grids) counts.set(grid, (counts.get(grid) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([grid]) => planted.tenantWithoutFloatingRegistration.some((tenant) => tenant.gridCode.startsWith(grid.slice(0, 9))))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
})();
const street = busiestGrid.slice(0, 9);
const officer: TestUser = { dept: 'GRID', jurisdiction: street, role: 'OFFICER', name: '王芳' };
const COUNTS = ['residentCount', 'floatingCount', 'receivingAssistanceCount', 'needsAttentionCount', 'elderlyLivingAloneCount'] as const;

let hub: RunningHub;
let browser: ConsoleBrowser;

async function api(user: TestUser, purpose: Purpose, query: string, variables: Record<string, unknown> = {}) {
  const response = await postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose });
  return response;
}

/** Waits until `read` gives what `check` accepts (the page answers asynchronously), then asserts it once more. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

test('a grid officer opens the tree, a grid, its summary and residents, then the discrepancies and follows one to its dwelling', async () => {
  const p = await browser.newPage();
  const { page } = p;
  await p.signInAs(officer, 'GRID_SERVICE');

  // 网格树: the street, its community and grid by name and code; the chart draws one bar per grid of the street.
  const gridsResponse = await api(officer, 'GRID_SERVICE', 'query { grids { code name residentCount floatingCount } }');
  expect(gridsResponse.errors).toBeUndefined();
  const grids: Array<{ code: string; name: string; residentCount: string; floatingCount: string }> = gridsResponse.data.grids;
  const grid = grids.find((g) => g.code === busiestGrid)!;
  await p.open('/grid/tree');
  await page.locator(`[data-place-code="${street}"]`).waitFor();
  await page.getByTestId('grid-chart').waitFor();
  expect(await page.locator('[data-testid="grid-chart"] [data-grid-code]').count()).toBe(grids.length);
  const bar = await page.locator(`[data-testid="grid-chart"] [data-grid-code="${busiestGrid}"]`).getAttribute('aria-label');
  expect(bar).toContain(`实有人口 ${grid.residentCount} 人，其中流动人口 ${grid.floatingCount} 人`);

  // The search box finds the grid by its code; choosing it in the tree opens its page.
  await page.getByLabel('搜索区划或网格').fill(busiestGrid);
  await expect(page.getByTestId('tree-search-result').textContent()).resolves.toContain('找到 1 个网格');
  await page.locator(`.ant-tree [data-place-code="${busiestGrid}"]`).click();
  await page.waitForURL(`**/grid/${busiestGrid}`);
  await page.getByRole('heading', { name: grid.name }).waitFor();

  // The summary: every count as the API gives it for the same grid and purpose, "<5" kept as "<5".
  const summary = await api(officer, 'GRID_SERVICE', `query($c: String!) { grid(code: $c) { ${COUNTS.join(' ')} } }`, { c: busiestGrid });
  expect(summary.errors).toBeUndefined();
  for (const count of COUNTS) {
    const shown = page.getByTestId(`count-${count}`);
    await expect(shown.textContent()).resolves.toBe(`${summary.data.grid[count]} 人`);
    expect(await shown.locator('[data-small-count]').count()).toBe(summary.data.grid[count] === '<5' ? 1 : 0);
  }

  // 居民: page forward and back through the keyset pages, each page the API's page.
  const RESIDENTS = 'query($c: String!, $after: String) { grid(code: $c) { residents(first: 20, after: $after) { totalCount nodes { name } pageInfo { endCursor } } } }';
  const first = (await api(officer, 'GRID_SERVICE', RESIDENTS, { c: busiestGrid })).data.grid.residents;
  const second = (await api(officer, 'GRID_SERVICE', RESIDENTS, { c: busiestGrid, after: first.pageInfo.endCursor })).data.grid.residents;
  const names = () => page.locator('[data-testid="residents-table"] [data-resident-name]').allTextContents();
  const pageLabel = page.getByTestId('居民-page');
  await eventually(
    () => pageLabel.textContent(),
    (v) => expect(v).toContain(`共 ${first.totalCount.toLocaleString('zh-CN')} 条`),
  );
  await eventually(names, (v) => expect(v).toEqual(first.nodes.map((n: { name: string }) => n.name)));
  await eventually(
    () => page.locator('[data-testid="residents-table"] .ant-spin-spinning').count(),
    (v) => expect(v).toBe(0),
  );
  // Beside a masked ID number only the birth year shows (with the masked mark), as ACCESS-POLICY.md asks.
  const firstRow = page.locator('[data-testid="residents-table"] tbody tr.ant-table-row').first();
  await expect(firstRow.locator('td').nth(1).textContent()).resolves.toMatch(/^\d{3,6}\*+[\dX]{2,4}/);
  await expect(firstRow.locator('td').nth(3).textContent()).resolves.toMatch(/^\d{4}年\s*$/);
  expect(await firstRow.locator('td').nth(3).locator('[data-masked]').count()).toBe(1);
  await p.screenshot('grid-center');
  await page
    .getByRole('navigation', { name: '居民分页' })
    .getByRole('button', { name: /下一页/ })
    .click();
  await eventually(
    () => pageLabel.textContent(),
    (v) => expect(v).toContain('第 2 页'),
  );
  await eventually(names, (v) => expect(v).toEqual(second.nodes.map((n: { name: string }) => n.name)));
  await page
    .getByRole('navigation', { name: '居民分页' })
    .getByRole('button', { name: /上一页/ })
    .click();
  await eventually(names, (v) => expect(v).toEqual(first.nodes.map((n: { name: string }) => n.name)));

  // 数据不一致 of the street (the list opens on the officer's own street), on the seed's date chosen in the picker.
  await page.getByRole('menuitem', { name: /数据不一致/ }).click();
  await page.getByTestId('discrepancy-summary').waitFor();
  await expect(page.getByTestId('discrepancy-summary').textContent()).resolves.toContain(`（${street}）`);
  const dateInput = page.getByLabel('比对日期');
  await dateInput.click();
  await dateInput.fill(manifest.today.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日'));
  await dateInput.press('Enter');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.waitForURL(`**/grid/discrepancies?region=${street}&asOf=${manifest.today}`);
  const report = await api(
    officer,
    'GRID_SERVICE',
    'query($r: String!, $d: String) { discrepancies(regionCode: $r, asOf: $d, first: 20) { totalCount nodes { kind records { department recordType recordId } dwelling { id address } } } }',
    { r: street, d: manifest.today },
  );
  expect(report.errors).toBeUndefined();
  await eventually(
    () => page.getByTestId('discrepancy-summary').textContent(),
    (v) => expect(v).toContain(`共 ${report.data.discrepancies.totalCount} 条不一致`),
  );
  await eventually(
    () => page.locator('[data-testid="discrepancies-table"] tbody tr.ant-table-row').count(),
    (v) => expect(v).toBe(Math.min(20, report.data.discrepancies.totalCount)),
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await p.screenshot('grid-center-discrepancies');

  // The planted tenant without a floating registration: housing's tenancy, population's person, no police record.
  const tenant = planted.tenantWithoutFloatingRegistration.find((t) => t.gridCode.startsWith(street))!;
  expect(tenant).toBeDefined();
  const row = page.locator('[data-testid="discrepancies-table"] tbody tr', { has: page.locator(`[data-record="POPULATION:Person:${tenant.personId}"]`) });
  await expect(row.locator('[data-kind]').textContent()).resolves.toBe('承租流动人口未办居住登记');
  await expect(row.locator('[data-departments]').textContent()).resolves.toBe('房屋 ⇄ 人口 ⇄ 公安');
  const tenancyId = (await row.locator('[data-record^="HOUSING:Tenancy:"]').getAttribute('data-record'))!.split(':')[2];
  await row.locator(`a[data-dwelling-id="${tenant.dwellingId}"]`).click();

  // The dwelling page shows the housing side: the address, and the tenancy the discrepancy names.
  await page.waitForURL(`**/dwellings/${tenant.dwellingId}`);
  const dwelling = await api(officer, 'GRID_SERVICE', 'query($id: ID!) { dwelling(id: $id) { address tenancies { id tenant { name } } } }', { id: tenant.dwellingId });
  await eventually(
    () => page.getByTestId('dwelling-address').textContent(),
    (v) => expect(v).toBe(dwelling.data.dwelling.address),
  );
  const tenancyRow = page.locator('[data-testid="dwelling-tenancies"] tbody tr', { hasText: tenancyId });
  const tenancy = dwelling.data.dwelling.tenancies.find((t: { id: string }) => t.id === tenancyId);
  await expect(tenancyRow.textContent()).resolves.toContain(tenancy.tenant.name);
  await expect(tenancyRow.textContent()).resolves.toContain('在租');

  // Back to the same list (region and date are in its address); a future date is refused in Chinese.
  await page.goBack();
  await eventually(
    () => page.getByTestId('discrepancy-summary').textContent(),
    (v) => expect(v).toContain(`共 ${report.data.discrepancies.totalCount} 条不一致`),
  );
  await p.open(`/grid/discrepancies?region=${street}&asOf=2999-01-01`);
  await expect(page.getByRole('alert').first().textContent()).resolves.toContain('比对日期不能晚于今天');

  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
  await page.context().close();
});

test('a housing officer opening a grid sees small counts as "<5" with the reason, and the households as 无权限', async () => {
  const housing: TestUser = { dept: 'HOUSING', jurisdiction: '120112', name: '赵敏' };
  const all = await api(housing, 'HOUSING_ADMINISTRATION', `query { grids { code ${COUNTS.join(' ')} } }`);
  expect(all.errors).toBeUndefined();
  const small = (all.data.grids as Array<Record<string, string>>).find((g) => COUNTS.some((c) => g[c] === '<5'))!;
  expect(small).toBeDefined();
  const p = await browser.newPage();
  const { page } = p;
  await p.signInAs(housing, 'HOUSING_ADMINISTRATION');
  await p.open(`/grid/${small.code}`);
  await page.getByTestId('grid-summary').waitFor();
  for (const count of COUNTS) await expect(page.getByTestId(`count-${count}`).textContent()).resolves.toBe(`${small[count]} 人`);
  const suppressed = COUNTS.find((c) => small[c] === '<5')!;
  await page.getByTestId(`count-${suppressed}`).locator('[data-small-count]').focus();
  await expect(page.getByRole('tooltip').textContent()).resolves.toContain('小数保护');
  await page.getByRole('tab', { name: '户' }).click();
  await expect(page.locator('[data-refusal="FORBIDDEN"]').first().textContent()).resolves.toContain('无权限');
  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
  await page.context().close();
});
