/**
 * Issue #14 at the console, the forms that came after the first ones: a population officer moves a resident into
 * another household (变更户) from the person page, and of two pages on one person the second is told the record
 * changed (CONFLICT) and then changes it as it is now; a police officer registers a floating resident from the
 * floating-population page (a wrong check digit refused by the form, nothing sent); a housing officer records an
 * ownership transfer on the dwelling's 产权人, and of two pages on one dwelling the second is told the record changed
 * (CONFLICT) and then transfers the owners as they are now; the grid center's supervisor moves a worker to another grid from the
 * grid page; and population takes over a grid worker's 走访采集 of a resident gone (登记迁出并确认) or rejects one
 * (不予采纳) from its own queue. Each write is checked as the API and the databases keep it, and a role the write's
 * policy row does not name is not offered the form.
 *
 * These writes change records that other files count and list, so this file works on a seeded district of its own.
 */
import { randomUUID } from 'node:crypto';
import { todayInChina } from '@hub/domain';
import type { TestUser } from '@hub/testkit';
import type { Page } from 'playwright-core';
import { lookUpPerson } from './browser';
import { button, choose, chooseContaining, dialog, eventually, formsDistrict, onTwoPages, operationsSent, personOnTwoPages, settled, shown, UUID } from './form-steps';

const DISTRICT = '120112';
const today = todayInChina();
const run = randomUUID().slice(0, 8);
const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;

const populationOfficer: TestUser = { dept: 'POPULATION', jurisdiction: DISTRICT, role: 'OFFICER', sub: `more-pop-${run}`, name: '王户籍' };
const populationAuditor: TestUser = { dept: 'POPULATION', jurisdiction: DISTRICT, role: 'AUDITOR', sub: `more-pop-audit-${run}`, name: '钱审计' };
const policeOfficer: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'OFFICER', sub: `more-police-${run}`, name: '刘警官' };
const policeAuditor: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'AUDITOR', sub: `more-police-audit-${run}`, name: '吴审计' };
const housingOfficer: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'OFFICER', sub: `more-housing-${run}`, name: '孙房管' };
const housingAuditor: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'AUDITOR', sub: `more-housing-audit-${run}`, name: '郑审计' };
const gridSupervisor: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'SUPERVISOR', sub: `more-grid-chief-${run}`, name: '周主任' };
const gridOfficer: TestUser = { dept: 'GRID', jurisdiction: DISTRICT, role: 'OFFICER', sub: `more-grid-officer-${run}`, name: '冯专干' };

const { newPage, sql, api, changesOf } = formsDistrict('moreforms');

interface Resident {
  id: string;
  id_number: string;
  name: string;
  residence_grid_code: string;
  residence_dwelling_id: string;
  household_id: string;
}

/** Registered, living residents of the district with a residence and a household, in key order from the end. */
const residents = () =>
  sql<Resident>(
    'population',
    `select id, id_number, name, residence_grid_code, residence_dwelling_id, household_id from person
      where death_date is null and population_type = 'REGISTERED' and residence_dwelling_id is not null and household_id is not null
        and residence_since < $1 and birth_date < $1
      order by id desc limit 6`,
    [today],
  );

test('变更户 on the person page: the resident joins another household of the grid with a relation to its head; an auditor is not offered it', async () => {
  const [resident] = await residents();
  const [target] = await sql<{ id: string; household_number: string; grid_code: string; dwelling_id: string }>(
    'population',
    'select id, household_number, grid_code, dwelling_id from household where grid_code = $1 and id <> $2 order by id limit 1',
    [resident.residence_grid_code, resident.household_id],
  );

  const auditor = await newPage();
  await auditor.signInAs(populationAuditor, 'POPULATION_ADMINISTRATION');
  await lookUpPerson(auditor, resident.id_number);
  await auditor.page.getByTestId('section-identity').waitFor();
  expect(await auditor.page.getByTestId('registration-actions').count()).toBe(0);
  expect(await auditor.page.getByRole('button', { name: /变更户/ }).count()).toBe(0);

  const p = await newPage();
  const { page } = p;
  await p.signInAs(populationOfficer, 'POPULATION_ADMINISTRATION');
  await lookUpPerson(p, resident.id_number);
  await page.getByTestId('registration-actions').waitFor();
  await page
    .getByTestId('change-household')
    .getByRole('button', { name: /变更户/ })
    .click();
  await dialog(page);
  // The resident's own grid, as the form opened it; the household by its 户号.
  expect(await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '新户所在网格' }) }).textContent()).toContain(resident.residence_grid_code);
  await chooseContaining(page, '迁入户', target.household_number);
  await choose(page, '与新户主关系', '配偶（10）');
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await p.screenshot('population-change-household-form');
  await page.getByRole('button', { name: button('登记变更') }).click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => page.getByTestId('section-identity').innerText(),
    (text) => expect(text).toContain(target.household_number),
  );

  const [row] = await sql<{ household_id: string; relation_to_head: string; residence_dwelling_id: string; version: number }>(
    'population',
    'select household_id, relation_to_head, residence_dwelling_id, version from person where id = $1',
    [resident.id],
  );
  expect(row).toEqual({ household_id: target.id, relation_to_head: '10', residence_dwelling_id: target.dwelling_id, version: 2 });
  expect(await changesOf('population', resident.id)).toEqual([
    expect.objectContaining({ operation: 'changeHousehold', changed_by: populationOfficer.sub, client_request_id: expect.stringMatching(UUID) }),
  ]);
});

test('two pages on one person both 变更户: the second, on the version it saw, is told the record changed and shows it as it is now; then its change goes through', async () => {
  const [resident] = await residents();
  const [first, second] = await sql<{ id: string; household_number: string }>('population', 'select id, household_number from household where grid_code = $1 and id <> $2 order by id limit 2', [
    resident.residence_grid_code,
    resident.household_id,
  ]);
  expect(second).toBeDefined();
  const colleague: TestUser = { ...populationOfficer, sub: `${populationOfficer.sub}-b`, name: '赵户籍' };

  const [p1, p2] = await personOnTwoPages(newPage, [populationOfficer, colleague], resident.id_number);

  /** Opens 变更户 on the page's person and registers the move into `household` (the grid stays the resident's own). */
  async function changeHousehold(page: Page, household: { household_number: string }) {
    await page
      .getByTestId('change-household')
      .getByRole('button', { name: /变更户/ })
      .click();
    await dialog(page);
    await chooseContaining(page, '迁入户', household.household_number);
    await choose(page, '与新户主关系', '配偶（10）');
    await page.getByRole('button', { name: button('登记变更') }).click();
  }

  await changeHousehold(p1.page, first);
  await p1.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => p1.page.getByTestId('section-identity').innerText(),
    (text) => expect(text).toContain(first.household_number),
  );

  // The second page still shows version 1: its change is refused as CONFLICT, in Chinese, and the page reloads the record.
  await changeHousehold(p2.page, second);
  expect(await (await shown(p2, 'write-conflict')).innerText()).toContain('记录已被他人更新');
  await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => p2.page.getByTestId('section-identity').innerText(),
    (text) => expect(text).toContain(first.household_number),
  );
  const sent = p2.sent.filter((body) => body.includes('PopulationChangeHousehold')).map((body) => JSON.parse(body).variables.input);
  expect(sent).toEqual([expect.objectContaining({ personId: resident.id, expectedVersion: 1, householdId: second.id })]);
  expect(await changesOf('population', resident.id)).toEqual([
    expect.objectContaining({ operation: 'changeHousehold', changed_by: populationOfficer.sub, after: expect.objectContaining({ householdId: first.id, version: 2 }) }),
  ]);

  // The record as it is now, on the second page: the same change, at the version shown, goes through.
  await changeHousehold(p2.page, second);
  await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => p2.page.getByTestId('section-identity').innerText(),
    (text) => expect(text).toContain(second.household_number),
  );
  const [row] = await sql<{ household_id: string; relation_to_head: string; version: number }>('population', 'select household_id, relation_to_head, version from person where id = $1', [resident.id]);
  expect(row).toEqual({ household_id: second.id, relation_to_head: '10', version: 3 });
  expect((await changesOf('population', resident.id)).map((change) => [change.operation, change.changed_by, change.after.householdId, change.after.version])).toEqual([
    ['changeHousehold', populationOfficer.sub, first.id, 2],
    ['changeHousehold', colleague.sub, second.id, 3],
  ]);
});

test('流动人口登记 from the floating-population page: a wrong check digit is refused by the form with nothing sent; the registration is then in the results; an auditor is not offered it', async () => {
  const [dwelling] = await sql<{ id: string; address: string; grid_code: string }>('housing', 'select id, address, grid_code from dwelling where grid_code is not null order by id desc limit 1');
  const [landlord] = await sql<{ id_number: string }>('population', "select id_number from person where death_date is null and population_type = 'REGISTERED' order by id limit 1");
  // A resident from elsewhere in population's register whom public security has no ACTIVE registration for (the
  // results show a registration's name and ID number as population registers the person).
  const active = new Set((await sql<{ person_id: string }>('public-security', "select person_id from floating_registration where status = 'ACTIVE'")).map((r) => r.person_id));
  const newcomer = (
    await sql<{ id: string; id_number: string; name: string; hukou_region_code: string }>(
      'population',
      "select id, id_number, name, hukou_region_code from person where population_type = 'FLOATING' and death_date is null and hukou_region_code <> $1 order by id",
      [DISTRICT],
    )
  ).find((person) => !active.has(person.id))!;
  expect(newcomer).toBeDefined();
  const { id_number: idNumber, name } = newcomer;
  const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');

  const auditor = await newPage();
  await auditor.signInAs(policeAuditor, 'FLOATING_POPULATION_MANAGEMENT');
  await auditor.open('/police/floating-population');
  await auditor.page.getByRole('heading', { name: '流动人口查询' }).waitFor();
  expect(await auditor.page.getByTestId('register-floating').count()).toBe(0);

  const p = await newPage();
  const { page } = p;
  await p.signInAs(policeOfficer, 'FLOATING_POPULATION_MANAGEMENT');
  await p.open('/police/floating-population');
  await page
    .getByTestId('register-floating')
    .getByRole('button', { name: /流动人口登记/ })
    .click();
  const form = await dialog(page);
  await form.getByLabel('公民身份号码').fill(wrong);
  await form.getByLabel('姓名').fill(name);
  await form.getByLabel('户籍地').fill(newcomer.hukou_region_code);
  await form.getByLabel('户籍地').press('Escape');
  await choose(page, '流入原因', '务工（01）', { within: form });
  await chooseContaining(page, '居住网格', dwelling.grid_code, { within: form });
  await chooseContaining(page, '居住房屋', dwelling.address, { within: form });
  await choose(page, '住所类型', '租赁房屋（02）', { within: form });
  await form.getByLabel('房东身份证号码').fill(landlord.id_number);
  await form.getByLabel('证件号码').fill(`JZZ${run}`);
  await form.getByLabel('证件到期日期').click();
  await form.getByLabel('证件到期日期').fill(nextYear);
  await form.getByLabel('证件到期日期').press('Enter');
  await page.getByRole('button', { name: button('登记') }).click();
  await eventually(
    () => form.innerText(),
    (text) => expect(text).toContain(`身份证号码校验位错误：按 GB 11643 最后一位应为 ${idNumber[17]}`),
  );
  expect(operationsSent(p, 'PoliceRegisterFloatingResident')).toBe(0);
  await settled(page);
  await p.screenshot('police-register-floating-form');

  await form.getByLabel('公民身份号码').fill(idNumber);
  await page.getByRole('button', { name: button('登记') }).click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  // The new registration, searched by its name.
  await eventually(
    () => page.getByTestId('floating-table').innerText(),
    (text) => {
      expect(text).toContain(name);
      expect(text).toContain(dwelling.address);
    },
  );
  expect(operationsSent(p, 'PoliceRegisterFloatingResident')).toBe(1);
  const [registration] = await sql<{
    id: string;
    status: string;
    inflow_reason: string;
    residence_type: string;
    grid_code: string;
    dwelling_id: string;
    permit_expires_on: string;
    hukou_region_code: string;
  }>(
    'public-security',
    "select id, status, inflow_reason, residence_type, grid_code, dwelling_id, to_char(permit_expires_on, 'YYYY-MM-DD') as permit_expires_on, hukou_region_code from floating_registration where person_id = $1 and status = 'ACTIVE'",
    [newcomer.id],
  );
  expect(registration).toEqual({
    id: expect.any(String),
    status: 'ACTIVE',
    inflow_reason: '01',
    residence_type: '02',
    grid_code: dwelling.grid_code,
    dwelling_id: dwelling.id,
    permit_expires_on: nextYear,
    hukou_region_code: newcomer.hukou_region_code,
  });
  expect(await changesOf('public-security', registration.id)).toEqual([
    expect.objectContaining({ operation: 'registerFloatingResident', before: null, changed_by: policeOfficer.sub, client_request_id: expect.stringMatching(UUID) }),
  ]);
});

/** Opens 产权转移登记 from the 产权人 card of the dwelling page shown: the dialog, once it has opened. */
async function openTransfer(page: Page) {
  await page
    .getByTestId('ownership-transfer')
    .getByRole('button', { name: /产权转移登记/ })
    .click();
  return dialog(page);
}

test('产权转移登记 on the dwelling’s 产权人: shares not adding up to 100% are refused by the form; two new owners replace the old; an auditor is not offered it', async () => {
  const [dwelling] = await sql<{ id: string; address: string }>(
    'housing',
    'select d.id, d.address from dwelling d where d.grid_code is not null and exists (select 1 from ownership o where o.dwelling_id = d.id) order by d.id desc limit 1',
  );
  const [buyer, coOwner] = await sql<{ id: string; id_number: string; name: string }>(
    'population',
    "select id, id_number, name from person where death_date is null and population_type = 'REGISTERED' and birth_date < '2000-01-01' order by id limit 2",
  );

  const auditor = await newPage();
  await auditor.signInAs(housingAuditor, 'HOUSING_ADMINISTRATION');
  await auditor.open(`/dwellings/${dwelling.id}`);
  await auditor.page.getByTestId('dwelling-owners').waitFor();
  expect(await auditor.page.getByTestId('ownership-transfer').count()).toBe(0);

  const p = await newPage();
  const { page } = p;
  await p.signInAs(housingOfficer, 'HOUSING_ADMINISTRATION');
  await p.open(`/dwellings/${dwelling.id}`);
  const form = await openTransfer(page);
  await form.getByLabel('第 1 位产权人身份证号码').fill(buyer.id_number);
  await form.getByLabel('第 1 位产权人份额').fill('60');
  await form.getByRole('button', { name: /增加共有人/ }).click();
  await form.getByLabel('第 2 位产权人身份证号码').fill(coOwner.id_number);
  await form.getByLabel('第 2 位产权人份额').fill('30');
  await page.getByRole('button', { name: button('登记转移') }).click();
  await eventually(
    () => form.innerText(),
    (text) => expect(text).toContain('各产权人份额合计应为 100%，当前为 90%'),
  );
  expect(operationsSent(p, 'HousingRecordOwnershipTransfer')).toBe(0);
  await form.getByLabel('第 2 位产权人份额').fill('40');
  await form.getByLabel('第 2 位产权人份额').press('Tab');
  await settled(page);
  // Once the shares add up, the form no longer says they do not (the list's own rule runs only on submit).
  await eventually(
    () => form.innerText(),
    (text) => expect(text).not.toContain('各产权人份额合计应为 100%'),
  );
  await p.screenshot('housing-ownership-transfer-form');
  await page.getByRole('button', { name: button('登记转移') }).click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => page.getByTestId('dwelling-owners').innerText(),
    (text) => {
      expect(text).toContain(buyer.name);
      expect(text).toContain(coOwner.name);
      expect(text).toContain('60%');
      expect(text).toContain('40%');
    },
  );
  const owners = await sql<{ owner_person_id: string; share: string; registered_on: string }>(
    'housing',
    "select owner_person_id, share::text, to_char(registered_on, 'YYYY-MM-DD') as registered_on from ownership where dwelling_id = $1 order by share desc",
    [dwelling.id],
  );
  expect(owners).toEqual([
    { owner_person_id: buyer.id, share: '0.6000', registered_on: today },
    { owner_person_id: coOwner.id, share: '0.4000', registered_on: today },
  ]);
  expect(await changesOf('housing', dwelling.id)).toEqual([
    expect.objectContaining({ operation: 'recordOwnershipTransfer', changed_by: housingOfficer.sub, client_request_id: expect.stringMatching(UUID) }),
  ]);
});

test('two pages on one dwelling both 产权转移登记: the second, on the version it saw, is told the record changed and shows the owners as they are now; then its transfer goes through', async () => {
  // Another dwelling than the one transferred above, and owners who are not its owners now.
  const [dwelling] = await sql<{ id: string }>(
    'housing',
    'select d.id from dwelling d where d.grid_code is not null and exists (select 1 from ownership o where o.dwelling_id = d.id) order by d.id desc offset 1 limit 1',
  );
  const owners = (await sql<{ id: string }>('housing', 'select owner_person_id as id from ownership where dwelling_id = $1', [dwelling.id])).map((owner) => owner.id);
  const [first, second] = await sql<{ id: string; id_number: string; name: string }>(
    'population',
    `select id, id_number, name from person where death_date is null and population_type = 'REGISTERED' and birth_date < '2000-01-01' and id <> all($1)
      order by id offset 2 limit 2`,
    [owners],
  );
  expect(second).toBeDefined();
  const colleague: TestUser = { ...housingOfficer, sub: `${housingOfficer.sub}-b`, name: '钱房管' };

  const [p1, p2] = await onTwoPages(newPage, [housingOfficer, colleague], 'HOUSING_ADMINISTRATION', async (p) => {
    await p.open(`/dwellings/${dwelling.id}`);
    await p.page.getByTestId('ownership-transfer').waitFor();
  });

  /** Opens 产权转移登记 on the page's dwelling and registers `owner` as its sole owner (100%, today). */
  async function transfer(page: Page, owner: { id_number: string }) {
    const form = await openTransfer(page);
    await form.getByLabel('第 1 位产权人身份证号码').fill(owner.id_number);
    await page.getByRole('button', { name: button('登记转移') }).click();
  }
  const ownersShown = (page: Page) => page.getByTestId('dwelling-owners').innerText();

  await transfer(p1.page, first);
  await p1.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => ownersShown(p1.page),
    (text) => expect(text).toContain(first.name),
  );

  // The second page still shows version 1: its transfer is refused as CONFLICT, in Chinese, and the page reloads the dwelling.
  await transfer(p2.page, second);
  expect(await (await shown(p2, 'write-conflict')).innerText()).toContain('记录已被他人更新');
  await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => ownersShown(p2.page),
    (text) => {
      expect(text).toContain(first.name);
      expect(text).not.toContain(second.name);
    },
  );
  const sent = p2.sent.filter((body) => body.includes('HousingRecordOwnershipTransfer')).map((body) => JSON.parse(body).variables.input);
  expect(sent).toEqual([expect.objectContaining({ dwellingId: dwelling.id, expectedVersion: 1, owners: [{ idNumber: second.id_number, share: 1 }] })]);
  expect(await sql('housing', 'select owner_person_id from ownership where dwelling_id = $1', [dwelling.id])).toEqual([{ owner_person_id: first.id }]);
  expect(await changesOf('housing', dwelling.id)).toEqual([
    expect.objectContaining({ operation: 'recordOwnershipTransfer', changed_by: housingOfficer.sub, after: expect.objectContaining({ version: 2 }) }),
  ]);

  // The dwelling as it is now, on the second page: the same transfer, at the version shown, goes through.
  await transfer(p2.page, second);
  await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => ownersShown(p2.page),
    (text) => {
      expect(text).toContain(second.name);
      expect(text).not.toContain(first.name);
    },
  );
  expect(await sql('housing', 'select owner_person_id, version from ownership join dwelling d on d.id = dwelling_id where dwelling_id = $1', [dwelling.id])).toEqual([
    { owner_person_id: second.id, version: 3 },
  ]);
  expect((await changesOf('housing', dwelling.id)).map((change) => [change.operation, change.changed_by, change.after.version])).toEqual([
    ['recordOwnershipTransfer', housingOfficer.sub, 2],
    ['recordOwnershipTransfer', colleague.sub, 3],
  ]);
});

test('网格员调整 on the grid page: the grid center’s supervisor moves a worker to another grid as 网格长; an officer is not offered it', async () => {
  const [worker] = await sql<{ id: string; name: string; grid_code: string }>('grid', "select id, name, grid_code from grid_worker where role = 'GRID_WORKER' order by id desc limit 1");
  const [other] = await sql<{ code: string; name: string }>('grid', 'select code, name from grid where code <> $1 and code like $2 order by code limit 1', [worker.grid_code, `${DISTRICT}%`]);

  const officer = await newPage();
  await officer.signInAs(gridOfficer, 'GRID_SERVICE');
  await officer.open(`/grid/${worker.grid_code}`);
  await officer.page.getByTestId('grid-workers').waitFor();
  expect(await officer.page.getByTestId('grid-workers').innerText()).toContain(worker.name);
  expect(await officer.page.getByRole('button', { name: `调整 ${worker.name}` }).count()).toBe(0);

  const p = await newPage();
  const { page } = p;
  await p.signInAs(gridSupervisor, 'GRID_SERVICE');
  await p.open(`/grid/${worker.grid_code}`);
  await page.getByRole('button', { name: `调整 ${worker.name}` }).click();
  await dialog(page);
  await chooseContaining(page, '负责网格', other.code);
  await page.getByRole('radio', { name: '网格长' }).check();
  await settled(page);
  await p.screenshot('grid-assign-worker-form');
  await page.getByRole('button', { name: button('确认调整') }).click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => page.getByTestId('grid-workers').innerText(),
    (text) => expect(text).not.toContain(worker.name),
  );

  const [row] = await sql<{ grid_code: string; role: string; version: number }>('grid', 'select grid_code, role, version from grid_worker where id = $1', [worker.id]);
  expect(row).toEqual({ grid_code: other.code, role: 'GRID_LEADER', version: 2 });
  expect(await changesOf('grid', worker.id)).toEqual([
    {
      operation: 'assignGridWorker',
      before: { gridCode: worker.grid_code, role: 'GRID_WORKER', version: 1 },
      after: { gridCode: other.code, role: 'GRID_LEADER', version: 2 },
      changed_by: gridSupervisor.sub,
      client_request_id: expect.stringMatching(UUID),
    },
  ]);
});

test('网格员调整 on a version someone else changed: the second supervisor is told 记录已被他人更新, nothing is written twice, and the worker is adjusted from where they are now', async () => {
  const colleague: TestUser = { ...gridSupervisor, sub: `more-grid-chief2-${run}`, name: '吴主任' };
  const [worker] = await sql<{ id: string; name: string; grid_code: string }>('grid', "select id, name, grid_code from grid_worker where role = 'GRID_WORKER' and version = 1 order by id limit 1");
  const [first, second] = await sql<{ code: string }>('grid', 'select code from grid where code <> $1 and code like $2 order by code limit 2', [worker.grid_code, `${DISTRICT}%`]);
  const adjust = async (page: Page, gridCode: string) => {
    await page.getByRole('button', { name: `调整 ${worker.name}` }).click();
    await dialog(page);
    await chooseContaining(page, '负责网格', gridCode);
    await page.getByRole('button', { name: button('确认调整') }).click();
  };
  const workersShown = (page: Page) => page.getByTestId('grid-workers').innerText();

  const [p1, p2] = await onTwoPages(newPage, [gridSupervisor, colleague], 'GRID_SERVICE', async (p) => {
    await p.open(`/grid/${worker.grid_code}`);
    await p.page.getByRole('button', { name: `调整 ${worker.name}` }).waitFor();
  });

  await adjust(p1.page, first.code);
  await p1.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => workersShown(p1.page),
    (text) => expect(text).not.toContain(worker.name),
  );

  // The second page still shows version 1: refused as CONFLICT, in Chinese, and the grid's workers are reloaded.
  await adjust(p2.page, second.code);
  expect(await (await shown(p2, 'write-conflict')).innerText()).toContain('记录已被他人更新');
  await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => workersShown(p2.page),
    (text) => expect(text).not.toContain(worker.name),
  );
  const sent = p2.sent.filter((body) => body.includes('GridAssignGridWorker')).map((body) => JSON.parse(body).variables.input);
  expect(sent).toEqual([expect.objectContaining({ workerId: worker.id, expectedVersion: 1, gridCode: second.code })]);
  expect(await sql('grid', 'select grid_code, version from grid_worker where id = $1', [worker.id])).toEqual([{ grid_code: first.code, version: 2 }]);
  expect((await changesOf('grid', worker.id)).map((change) => change.changed_by)).toEqual([gridSupervisor.sub]);

  // From the grid the worker is in now, at the version shown there, the second supervisor's adjustment goes through.
  await p2.open(`/grid/${first.code}`);
  await adjust(p2.page, second.code);
  await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => workersShown(p2.page),
    (text) => expect(text).not.toContain(worker.name),
  );
  expect(await sql('grid', 'select grid_code, version from grid_worker where id = $1', [worker.id])).toEqual([{ grid_code: second.code, version: 3 }]);
  expect((await changesOf('grid', worker.id)).map((change) => change.changed_by)).toEqual([gridSupervisor.sub, colleague.sub]);
});

describe('population’s queue 待确认的采集与纠错: a grid worker’s 走访采集 of a resident gone', () => {
  const PROPOSE = 'mutation($input: ProposeFieldChangeInput!) { proposeFieldChange(input: $input) { id kind status version recordId } }';

  /** A grid worker of the resident's grid reports them gone on a visit today. */
  async function reportGone(resident: Resident): Promise<string> {
    const worker: TestUser = { dept: 'GRID', jurisdiction: resident.residence_grid_code, role: 'GRID_WORKER', sub: `more-worker-${run}`, name: '周网格' };
    const reported = await api(worker, 'GRID_SERVICE', PROPOSE, {
      input: {
        kind: 'RESIDENT_LEFT',
        gridCode: resident.residence_grid_code,
        dwellingId: resident.residence_dwelling_id,
        visitedOn: today,
        departure: { idNumber: resident.id_number, leftOn: today },
        note: '邻居称其已搬走。',
        clientRequestId: randomUUID(),
      },
    });
    expect(reported.proposeFieldChange).toMatchObject({ kind: 'FIELD_RESIDENT_LEFT', status: 'RAISED', recordId: resident.id });
    return reported.proposeFieldChange.id;
  }

  test('登记迁出并确认 clears the residence and accepts the request; 不予采纳 rejects another with its reason; an auditor sees the queue without the actions', async () => {
    const [, , gone, stays] = await residents();
    const goneRequest = await reportGone(gone);
    const staysRequest = await reportGone(stays);

    const auditor = await newPage();
    await auditor.signInAs(populationAuditor, 'POPULATION_ADMINISTRATION');
    await auditor.open('/population/corrections');
    const listed = auditor.page.locator(`[data-testid="correction-queue"] tr[data-row-key="${goneRequest}"]`);
    await listed.waitFor();
    expect(await listed.getByRole('button').count()).toBe(0);

    const p = await newPage();
    const { page } = p;
    await p.signInAs(populationOfficer, 'POPULATION_ADMINISTRATION');
    await p.open('/population/corrections');
    const row = page.locator(`[data-testid="correction-queue"] tr[data-row-key="${goneRequest}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('走访采集：居民已迁离');
    expect(await row.innerText()).toContain(gone.name);
    await page.locator('[data-testid="correction-queue"] .ant-spin-spinning').waitFor({ state: 'hidden' });
    await settled(page);
    await p.screenshot('population-corrections');

    await row.getByRole('button', { name: '登记迁出并确认' }).click();
    const takeOver = await dialog(page);
    await page.getByTestId('move-out-summary').waitFor();
    expect(await takeOver.innerText()).toContain(gone.name);
    await p.screenshot('population-move-out-form');
    // The move-out reaches the hub, which records it; its answer is lost on the way back.
    let answersLost = 0;
    await page.route('**/graphql', async (route) => {
      if (answersLost > 0 || !(route.request().postData() ?? '').includes('PopulationRecordMoveOut')) return route.fallback();
      answersLost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await takeOver.getByRole('button', { name: button('登记迁出并确认') }).click();
    expect(await (await shown(p, 'write-refusal')).innerText()).toContain('网络中断，未能确认是否已提交');
    // Confirmed again: the same move-out with the same client request id, which the hub answers with the one it recorded.
    await takeOver.getByRole('button', { name: button('登记迁出并确认') }).click();
    expect(await (await shown(p, 'answered')).innerText()).toContain(`已登记迁离并确认采集 ${goneRequest}`);
    const sends = p.sent.filter((body) => body.includes('PopulationRecordMoveOut')).map((body) => JSON.parse(body).variables.input);
    expect(sends).toHaveLength(2);
    expect(sends[1]).toEqual(sends[0]);
    expect(sends[0]).toMatchObject({ personId: gone.id, expectedVersion: 1, correctionRequestId: goneRequest, clientRequestId: expect.stringMatching(UUID) });
    await eventually(
      () => row.count(),
      (count) => expect(count).toBe(0),
    );

    const staysRow = page.locator(`[data-testid="correction-queue"] tr[data-row-key="${staysRequest}"]`);
    await staysRow.getByRole('button', { name: button('不予采纳') }).click();
    const reject = await dialog(page);
    await reject.getByLabel('不予采纳的理由').fill('入户核实，本人仍在此居住。');
    await reject.getByRole('button', { name: button('不予采纳') }).click();
    expect(await (await shown(p, 'answered')).innerText()).toContain(`已答复 ${staysRequest}：不予采纳`);

    const requests = await sql<{ id: string; status: string; answer: string; resolved_by: string }>(
      'grid',
      'select id, status, answer, resolved_by from correction_request where id = any($1) order by id',
      [[goneRequest, staysRequest].sort()],
    );
    expect(Object.fromEntries(requests.map((r) => [r.id, { status: r.status, answer: r.answer, resolved_by: r.resolved_by }]))).toEqual({
      [goneRequest]: { status: 'ACCEPTED', answer: `已登记迁离（${today}）`, resolved_by: populationOfficer.sub },
      [staysRequest]: { status: 'REJECTED', answer: '入户核实，本人仍在此居住。', resolved_by: populationOfficer.sub },
    });
    const people = await sql<{ id: string; residence_dwelling_id: string | null }>('population', 'select id, residence_dwelling_id from person where id = any($1)', [[gone.id, stays.id]]);
    expect(Object.fromEntries(people.map((r) => [r.id, r.residence_dwelling_id]))).toEqual({ [gone.id]: null, [stays.id]: stays.residence_dwelling_id });
    const [correction] = await sql<{ correction_request_id: string; corrected_by: string }>('population', 'select correction_request_id, corrected_by from person_correction where person_id = $1', [
      gone.id,
    ]);
    expect(correction).toEqual({ correction_request_id: goneRequest, corrected_by: populationOfficer.sub });
    expect(await changesOf('population', gone.id)).toEqual([
      {
        operation: 'recordMoveOut',
        before: expect.objectContaining({ residenceDwellingId: gone.residence_dwelling_id, version: 1 }),
        after: expect.objectContaining({ residenceDwellingId: null, version: 2, movedOutOn: today, correctionRequestId: goneRequest }),
        changed_by: populationOfficer.sub,
        client_request_id: sends[0].clientRequestId,
      },
    ]);
  });

  test('登记迁出并确认 on a person changed since the queue showed them is told the record changed; the queue read again takes it over', async () => {
    const moved = (await residents()).at(-1)!;
    const request = await reportGone(moved);
    const p = await newPage();
    const { page } = p;
    await p.signInAs(populationOfficer, 'POPULATION_ADMINISTRATION');
    await p.open('/population/corrections');
    const row = page.locator(`[data-testid="correction-queue"] tr[data-row-key="${request}"]`);
    await row.waitFor();

    // Meanwhile a colleague registers a move of the same resident within the grid (the version the queue showed is stale).
    const [{ dwelling }] = await sql<{ dwelling: string }>(
      'population',
      'select residence_dwelling_id as dwelling from person where residence_grid_code = $1 and residence_dwelling_id <> $2 order by 1 limit 1',
      [moved.residence_grid_code, moved.residence_dwelling_id],
    );
    const colleague: TestUser = { ...populationOfficer, sub: `${populationOfficer.sub}-b`, name: '李户籍' };
    await api(colleague, 'POPULATION_ADMINISTRATION', 'mutation($input: RecordMoveInput!) { recordMove(input: $input) { id version } }', {
      input: { personId: moved.id, expectedVersion: 1, dwellingId: dwelling, gridCode: moved.residence_grid_code, movedOn: today, clientRequestId: randomUUID() },
    });

    await row.getByRole('button', { name: '登记迁出并确认' }).click();
    const takeOver = await dialog(page);
    const readAgain = page.waitForResponse((response) => (response.request().postData() ?? '').includes('PopulationCorrectionQueue'));
    await takeOver.getByRole('button', { name: button('登记迁出并确认') }).click();
    expect(await (await shown(p, 'write-conflict')).innerText()).toContain('记录已被他人更新');
    await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
    expect(await sql('population', 'select count(*)::int as count from person_correction where person_id = $1', [moved.id])).toEqual([{ count: 0 }]);

    // The queue, read again, shows the resident at the new version: the move-out now goes through.
    await readAgain;
    await page.locator('[data-testid="correction-queue"] .ant-spin-spinning').waitFor({ state: 'hidden' });
    await row.getByRole('button', { name: '登记迁出并确认' }).click();
    await (await dialog(page)).getByRole('button', { name: button('登记迁出并确认') }).click();
    expect(await (await shown(p, 'answered')).innerText()).toContain(`已登记迁离并确认采集 ${request}`);
    expect((await changesOf('population', moved.id)).map((change) => [change.operation, change.changed_by, change.after.version])).toEqual([
      ['recordMove', colleague.sub, 2],
      ['recordMoveOut', populationOfficer.sub, 3],
    ]);
  });
});
