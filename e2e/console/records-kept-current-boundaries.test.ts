/**
 * Issue #14 at the console, new dwellings and grid boundaries: a housing officer registers a dwelling from housing's
 * menu (实有房屋登记) — a 标准地址编码 not of the community refused by the form, nothing sent — and opens the new
 * dwelling's page; the grid center's supervisor, on a grid page's dwelling list, ticks dwellings (one with residents and
 * an ACTIVE floating registration) and moves them to another grid together with a newly registered dwelling named by
 * its id (网格划分调整) — a dwelling housing does not have is refused in the dialog, nothing changed. Each write is
 * checked as the databases keep it: housing's dwelling, and the grid's assignment with every department's copy of it.
 * A role the write's policy row does not name is not offered the form.
 *
 * These writes move dwellings and residents between grids that other files count, so this file works on a seeded
 * district of its own.
 */
import { randomUUID } from 'node:crypto';
import type { TestUser } from '@hub/testkit';
import { button, choose, chooseContaining, dialog, eventually, formsDistrict, operationsSent, settled, shown, UUID } from './form-steps';

const DISTRICT = '120112';
const run = randomUUID().slice(0, 8);

const housingOfficer: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'OFFICER', sub: `bounds-housing-${run}`, name: '孙房管' };
const housingAuditor: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'AUDITOR', sub: `bounds-housing-audit-${run}`, name: '郑审计' };
const gridSupervisor: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'SUPERVISOR', sub: `bounds-grid-chief-${run}`, name: '周主任' };
const gridOfficer: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'OFFICER', sub: `bounds-grid-officer-${run}`, name: '冯专干' };

const { newPage, sql, api, changesBy } = formsDistrict('boundforms');

let grids: Array<{ code: string; name: string; region_code: string }>;

beforeAll(async () => {
  grids = await sql('grid', 'select code, name, region_code from grid where code like $1 order by code', [`${DISTRICT}%`]);
  expect(grids.length).toBeGreaterThan(3);
});

test('实有房屋登记 from housing’s menu: the dwelling is registered at its standard address and its page opens; an auditor is not offered it', async () => {
  const [grid] = grids;
  const addressCode = `${grid.region_code}987010203`;
  const address = `天津市津南区测试社区987号楼1单元203（${run}）`;

  const auditor = await newPage();
  await auditor.signInAs(housingAuditor, 'HOUSING_ADMINISTRATION');
  await auditor.open('/housing/corrections');
  await auditor.page.getByRole('menuitem', { name: /待确认的采集与纠错/ }).waitFor();
  expect(await auditor.page.getByRole('menuitem', { name: /实有房屋登记/ }).count()).toBe(0);
  await auditor.open('/housing/dwellings/new');
  await auditor.page.locator('main, .ant-layout-content').first().waitFor();
  expect(await auditor.page.getByTestId('register-dwelling').count()).toBe(0);

  const p = await newPage();
  const { page } = p;
  await p.signInAs(housingOfficer, 'HOUSING_ADMINISTRATION');
  await p.open('/housing/corrections');
  await page.getByRole('menuitem', { name: /实有房屋登记/ }).click();
  const form = await shown(p, 'register-dwelling');

  // The community from the region tree; the address code starts with its code, the rest typed.
  await form.getByLabel('所属社区').fill(grid.region_code);
  await form.getByLabel('所属社区').press('Escape');
  expect(await form.getByLabel('标准地址编码').inputValue()).toBe(grid.region_code);
  // An address code of another community is refused by the form: nothing is sent.
  const other = grids.find((g) => g.region_code !== grid.region_code)!;
  await form.getByLabel('标准地址编码').fill(`${other.region_code}987010203`);
  await choose(page, '建筑用途', '住宅（01）');
  await form.getByLabel('房屋地址').fill(address);
  await form.getByLabel('建筑面积').fill('86.5');
  await page.getByRole('button', { name: button('登记') }).click();
  await eventually(
    () => form.innerText(),
    (text) => expect(text).toContain(`标准地址编码的前 12 位应为所属社区的代码 ${grid.region_code}`),
  );
  expect(operationsSent(p, 'HousingRegisterDwelling')).toBe(0);

  await form.getByLabel('标准地址编码').fill(addressCode);
  await chooseContaining(page, '所属网格', grid.code);
  await settled(page);
  await p.screenshot('housing-register-dwelling-form');
  await page.getByRole('button', { name: button('登记') }).click();
  const done = await shown(p, 'dwelling-registered');
  const id = await done.locator('[data-dwelling-id]').getAttribute('data-dwelling-id');
  expect(id).toMatch(/^D9\d{7}$/);
  expect(await done.innerText()).toContain(address);

  const [row] = await sql<{ address_code: string; address: string; building_use: string; area: string; region_code: string; grid_code: string | null }>(
    'housing',
    'select address_code, address, building_use, area::text, region_code, grid_code from dwelling where id = $1',
    [id],
  );
  expect(row).toEqual({ address_code: addressCode, address, building_use: '01', area: '86.50', region_code: grid.region_code, grid_code: grid.code });
  const [change] = await sql<{ operation: string; changed_by: string; client_request_id: string }>(
    'housing',
    'select operation, changed_by, client_request_id from record_change where record_id = $1',
    [id],
  );
  expect(change).toEqual({ operation: 'registerDwelling', changed_by: housingOfficer.sub, client_request_id: expect.stringMatching(UUID) });

  // The same address again: the API's refusal, in the form, names the dwelling that has it.
  await form.getByLabel('所属社区').fill(grid.region_code);
  await form.getByLabel('所属社区').press('Escape');
  await form.getByLabel('标准地址编码').fill(addressCode);
  await choose(page, '建筑用途', '商业（02）');
  await form.getByLabel('房屋地址').fill(address);
  await form.getByLabel('建筑面积').fill('40');
  await page.getByRole('button', { name: button('登记') }).click();
  expect(await (await shown(p, 'write-refusal')).innerText()).toContain(`已登记为房屋 ${id}`);
  expect(await sql('housing', 'select count(*)::int as n from dwelling where address_code = $1', [addressCode])).toEqual([{ n: 1 }]);

  // The new dwelling's page, from the link.
  await done.locator(`[data-dwelling-id="${id}"]`).click();
  await eventually(
    () => page.getByTestId('dwelling-address').innerText(),
    (text) => expect(text).toContain(address),
  );
});

test('网格划分调整 on the grid page: ticked dwellings and a newly registered one move to another grid, every department’s copy with them; an officer is not offered it', async () => {
  // A grid of a community of two grids or more (a boundary change stays within the community), whose first page lists a
  // dwelling with an ACTIVE floating registration and residents, and another dwelling with residents.
  const floatingAt = new Set(
    (await sql<{ id: string }>('public-security', "select distinct dwelling_id as id from floating_registration where status = 'ACTIVE' and dwelling_id is not null")).map((r) => r.id),
  );
  const withResidents = new Set((await sql<{ id: string }>('population', 'select distinct dwelling_id as id from household where dwelling_id is not null')).map((r) => r.id));
  let from: (typeof grids)[number] | undefined;
  let ticked: string[] = [];
  for (const grid of grids.filter((g) => grids.some((sibling) => sibling.code !== g.code && sibling.region_code === g.region_code))) {
    const firstPage = (await sql<{ id: string }>('grid', 'select dwelling_id as id from dwelling_grid where grid_code = $1 order by dwelling_id limit 20', [grid.code])).map((r) => r.id);
    const floating = firstPage.find((id) => floatingAt.has(id) && withResidents.has(id));
    const housed = firstPage.find((id) => id !== floating && withResidents.has(id));
    if (floating && housed) {
      from = grid;
      ticked = [floating, housed].sort();
      break;
    }
  }
  expect(from).toBeDefined();
  const to = grids.find((g) => g.code !== from!.code && g.region_code === from!.region_code)!;
  const registrations = await sql<{ id: string; version: number }>('public-security', "select id, version from floating_registration where dwelling_id = any($1) and status = 'ACTIVE' order by id", [
    ticked,
  ]);
  expect(registrations.length).toBeGreaterThan(0);

  // A dwelling housing registered today, in no grid yet.
  const REGISTER = 'mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id } }';
  const registered = (
    await api(housingOfficer, 'HOUSING_ADMINISTRATION', REGISTER, {
      input: { addressCode: `${to.region_code}986010101`, address: `天津市津南区测试社区986号楼1单元101（${run}）`, use: '01', area: 72, communityCode: to.region_code, clientRequestId: randomUUID() },
    })
  ).registerDwelling.id as string;

  const officer = await newPage();
  await officer.signInAs(gridOfficer, 'GRID_SERVICE');
  await officer.open(`/grid/${from!.code}`);
  await officer.page.getByRole('tab', { name: '房屋' }).click();
  await officer.page.locator(`[data-testid="dwellings-table"] tr[data-row-key="${ticked[0]}"]`).waitFor();
  expect(await officer.page.getByTestId('assign-dwellings').count()).toBe(0);
  expect(await officer.page.locator('[data-testid="dwellings-table"] input[type="checkbox"]').count()).toBe(0);

  const p = await newPage();
  const { page } = p;
  await p.signInAs(gridSupervisor, 'GRID_SERVICE');
  await p.open(`/grid/${from!.code}`);
  await page.getByRole('tab', { name: '房屋' }).click();
  const table = page.getByTestId('dwellings-table');
  for (const id of ticked) await table.locator(`tr[data-row-key="${id}"] input[type="checkbox"]`).check();
  await eventually(
    () => page.getByTestId('assign-dwellings').innerText(),
    (text) => expect(text).toContain('已选 2 套房屋'),
  );

  // A dwelling housing does not have: the change is refused in the dialog, naming it, and nothing moves.
  await page.getByRole('button', { name: /网格划分调整/ }).click();
  let modal = await dialog(page);
  await modal.getByLabel('新登记的房屋').fill('D99999990');
  await modal.getByLabel('新登记的房屋').press('Enter');
  await chooseContaining(page, '划入网格', to.code, { within: modal });
  await page.getByRole('button', { name: button('确认调整') }).click();
  expect(await (await shown(p, 'write-refusal')).innerText()).toContain('没有这些房屋：D99999990');
  expect(await sql('grid', 'select dwelling_id from dwelling_grid where dwelling_id = any($1) and grid_code <> $2', [ticked, from!.code])).toEqual([]);
  await page.getByRole('button', { name: button('取消') }).click();
  await modal.waitFor({ state: 'hidden' });

  // 划入网格 offers this community's grids only; a dwelling registered in another community, named by its id, is
  // refused by housing in the dialog, in Chinese, naming both communities, and nothing moves.
  const other = grids.find((g) => g.region_code !== from!.region_code)!;
  const elsewhere = (
    await api(housingOfficer, 'HOUSING_ADMINISTRATION', REGISTER, {
      input: {
        addressCode: `${other.region_code}985010101`,
        address: `天津市津南区测试社区985号楼1单元101（${run}）`,
        use: '01',
        area: 64,
        communityCode: other.region_code,
        clientRequestId: randomUUID(),
      },
    })
  ).registerDwelling.id as string;
  await page.getByRole('button', { name: /网格划分调整/ }).click();
  modal = await dialog(page);
  await modal.getByLabel('新登记的房屋').fill(elsewhere);
  await modal.getByLabel('新登记的房屋').press('Enter');
  await modal.getByRole('combobox', { name: '划入网格', exact: true }).click();
  const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await eventually(
    () => offered.allInnerTexts(),
    (labels) => expect(labels.map((label) => /（(\d{15})）/.exec(label)?.[1]).sort()).toEqual(grids.filter((g) => g.region_code === from!.region_code).map((g) => g.code)),
  );
  await settled(page);
  await offered.filter({ hasText: to.code }).click();
  await page.getByRole('button', { name: button('确认调整') }).click();
  expect(await (await shown(p, 'write-refusal')).innerText()).toContain(
    `输入有误：住房（房屋）系统拒绝了网格调整：房屋 ${elsewhere} 属于社区 ${other.region_code}，不能划入社区 ${to.region_code} 的网格 ${to.code}：`,
  );
  expect(await sql('grid', 'select dwelling_id from dwelling_grid where dwelling_id = any($1) and grid_code <> $2', [[...ticked, elsewhere], from!.code])).toEqual([]);
  await page.getByRole('button', { name: button('取消') }).click();
  await modal.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: /网格划分调整/ }).click();
  modal = await dialog(page);
  expect(await modal.getByTestId('assign-dwellings-chosen').locator('.ant-tag').count()).toBe(2);
  await modal.getByLabel('新登记的房屋').fill(registered);
  await modal.getByLabel('新登记的房屋').press('Enter');
  await chooseContaining(page, '划入网格', to.code, { within: modal });
  await settled(page);
  await p.screenshot('grid-assign-dwellings-form');
  await page.getByRole('button', { name: button('确认调整') }).click();
  await modal.waitFor({ state: 'hidden' });
  const notice = await shown(p, 'dwellings-assigned');
  expect(await notice.innerText()).toContain('新划入网格 1 套，自其他网格调入 2 套，原已在该网格 0 套');
  // The grid's list no longer shows the ticked dwellings.
  await eventually(
    () => table.locator(`tr[data-row-key="${ticked[0]}"]`).count(),
    (n) => expect(n).toBe(0),
  );

  // Every department's copy follows, under the one write of the console.
  const moved = [...ticked, registered].sort();
  expect(await sql('grid', 'select dwelling_id as id, grid_code from dwelling_grid where dwelling_id = any($1) order by 1', [moved])).toEqual(moved.map((id) => ({ id, grid_code: to.code })));
  expect(await sql('housing', 'select id, grid_code from dwelling where id = any($1) order by 1', [moved])).toEqual(moved.map((id) => ({ id, grid_code: to.code })));
  expect(await sql('population', 'select distinct grid_code from household where dwelling_id = any($1)', [ticked])).toEqual([{ grid_code: to.code }]);
  expect(await sql('population', 'select distinct residence_grid_code as grid_code from person where residence_dwelling_id = any($1)', [ticked])).toEqual([{ grid_code: to.code }]);
  expect(await sql('public-security', 'select id, grid_code, version from floating_registration where id = any($1) order by id', [registrations.map((r) => r.id)])).toEqual(
    registrations.map((r) => ({ id: r.id, grid_code: to.code, version: r.version + 1 })),
  );
  const [{ client_request_id: clientRequestId }] = await sql<{ client_request_id: string }>(
    'grid',
    "select client_request_id from record_change where operation = 'assignDwellingsToGrid' and record_id = $1",
    [registered],
  );
  expect(clientRequestId).toMatch(UUID);
  expect((await changesBy('grid', clientRequestId)).map((c) => [c.record_id, c.changed_by])).toEqual(moved.map((id) => [id, gridSupervisor.sub]));
  for (const subgraph of ['housing', 'population', 'public-security']) {
    const changes = await changesBy(subgraph, clientRequestId);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.operation === 'applyGridAssignment' && c.changed_by === gridSupervisor.sub)).toBe(true);
  }
  expect(operationsSent(p, 'GridAssignDwellingsToGrid')).toBe(3);
});
