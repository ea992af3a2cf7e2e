/**
 * Issue #14 at the console: the departments keep their records current where their staff already look at them. A
 * population officer registers a move on the person page, a birth on the household reached from it (a wrong ID check
 * digit is refused by the form, nothing sent) and a death; two pages on one person both move, and the second is told
 * the record changed and shown it as it is now. A police officer endorses a lapsed 居住证 in the search results and
 * later cancels the registration, the row updating in place. A grid worker files a 走访采集 of a let dwelling, and a
 * housing officer takes it over from the queue: the tenancy is in housing's register. A caseworker ends a member's
 * 低保 under the household's open case. Two police officers on one 居住证, and two caseworkers on one member's 低保, each
 * write on the version their page showed: the second is told the record changed and shown it as it is now. Each job is checked as the user sees it and as the API and the databases
 * keep it (one write, its before and after, the user, the client's request id).
 *
 * These writes change records that other files count and list (a move, a death, a tenancy), so this file works on a
 * seeded district of its own.
 */
import { randomUUID } from 'node:crypto';
import { makeIdNumber, todayInChina } from '@hub/domain';
import { signedAuthorization, type TestUser } from '@hub/testkit';
import type { Page } from 'playwright-core';
import { lookUpPerson } from './browser';
import { button, chineseDate, choose, daysBefore, dialog, eventually, formsDistrict, onTwoPages, operationsSent, personOnTwoPages, pickDay, settled, shown, UUID, type FormsPage } from './form-steps';

const DISTRICT = '120112';
const today = todayInChina();
const run = randomUUID().slice(0, 8);

const populationOfficer: TestUser = { dept: 'POPULATION', jurisdiction: DISTRICT, role: 'OFFICER', sub: `forms-pop-${run}`, name: '王户籍' };
const secondPopulationOfficer: TestUser = { ...populationOfficer, sub: `forms-pop2-${run}`, name: '赵户籍' };
const policeOfficer: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT, role: 'OFFICER', sub: `forms-police-${run}`, name: '刘警官' };
const housingOfficer: TestUser = { dept: 'HOUSING', jurisdiction: DISTRICT, role: 'OFFICER', sub: `forms-housing-${run}`, name: '孙房管' };
const caseworker: TestUser = { dept: 'CIVIL_AFFAIRS', jurisdiction: DISTRICT, role: 'OFFICER', sub: `forms-civil-${run}`, name: '李民政' };

const forms = formsDistrict('forms');
const { newPage, sql, api, changesOf } = forms;

interface Resident {
  id: string;
  id_number: string;
  name: string;
  residence_grid_code: string;
  residence_dwelling_id: string;
  household_id: string;
}

/** Registered, living residents of the district with a residence and a household, in key order. */
const residents = () =>
  sql<Resident>(
    'population',
    `select id, id_number, name, residence_grid_code, residence_dwelling_id, household_id from person
      where death_date is null and population_type = 'REGISTERED' and residence_dwelling_id is not null and household_id is not null
        and residence_since < $1 and birth_date < $1
      order by id limit 3`,
    [today],
  );

/** Another dwelling of the resident's grid, as the move form offers it (the grid's dwellings by address). */
async function otherDwelling(resident: Resident, besides: string[] = []): Promise<{ id: string; address: string }> {
  const offered: Array<{ id: string; address: string }> = (
    await api(populationOfficer, 'POPULATION_ADMINISTRATION', 'query($c: String!) { grid(code: $c) { dwellingsConnection(first: 500) { nodes { id address } } } }', { c: resident.residence_grid_code })
  ).grid.dwellingsConnection.nodes;
  return offered.find((d) => d.id !== resident.residence_dwelling_id && !besides.includes(d.id))!;
}

const PERSON = 'query($id: String!) { person(idNumber: $id) { id version deathDate residenceSince residence { id } } }';

/** Opens 迁移登记 on the person page shown and picks the dwelling; the date stays today. */
async function fillMove(page: Page, address: string): Promise<void> {
  await page
    .getByTestId('record-move')
    .getByRole('button', { name: /迁移登记/ })
    .click();
  await dialog(page);
  await choose(page, '迁入房屋', address, { search: true });
}

describe('population: 迁移, 出生 and 死亡 where the officer looks at the person', () => {
  let mover: Resident;
  let twice: Resident;
  let parent: Resident;

  beforeAll(async () => {
    [mover, twice, parent] = await residents();
  });

  test('a move is registered from the person page, once although its first answer was lost: the page shows the new residence, population keeps one change', async () => {
    const target = await otherDwelling(mover);
    const p = await newPage();
    const { page } = p;
    await p.signInAs(populationOfficer, 'POPULATION_ADMINISTRATION');
    await lookUpPerson(p, mover.id_number);
    await page.getByTestId('registration-actions').waitFor();
    await fillMove(page, target.address);
    // The grid is the resident's own, as the form opened it.
    expect(await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '迁入网格' }) }).textContent()).toContain(mover.residence_grid_code);
    // The page behind the dialog from its top, where the 户籍登记 actions are.
    await page.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot('population-move-form');

    // The first send reaches the hub, which writes it; its answer is lost on the way back.
    let answersLost = 0;
    await page.route('**/graphql', async (route) => {
      if (answersLost > 0 || !(route.request().postData() ?? '').includes('PopulationRecordMove')) return route.fallback();
      answersLost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: button('登记迁移') }).click();
    expect(await (await shown(p, 'write-refusal')).innerText()).toContain('网络中断，未能确认是否已提交');
    // The officer confirms again: the same write, with the same client request id, which the hub answers without writing twice.
    await page.getByRole('button', { name: button('登记迁移') }).click();
    await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
    const sends = p.sent.filter((body) => body.includes('PopulationRecordMove')).map((body) => JSON.parse(body).variables.input.clientRequestId);
    expect(sends).toHaveLength(2);
    expect(sends[1]).toBe(sends[0]);

    await eventually(
      () => page.getByTestId('section-residence').innerText(),
      (text) => expect(text).toContain(target.address),
    );
    expect(await page.getByTestId('section-identity').innerText()).toContain(chineseDate(today));
    const person = (await api(populationOfficer, 'POPULATION_ADMINISTRATION', PERSON, { id: mover.id_number })).person;
    expect(person).toEqual({ id: mover.id, version: 2, deathDate: null, residenceSince: today, residence: { id: target.id } });
    expect(await changesOf('population', mover.id)).toEqual([
      {
        operation: 'recordMove',
        before: expect.objectContaining({ residenceDwellingId: mover.residence_dwelling_id, version: 1 }),
        after: expect.objectContaining({ residenceDwellingId: target.id, residenceGridCode: mover.residence_grid_code, residenceSince: today, version: 2 }),
        changed_by: populationOfficer.sub,
        client_request_id: sends[0],
      },
    ]);
    expect(sends[0]).toMatch(UUID);
  });

  test('two pages on one person both move it: the second, on the version it saw, is told the record changed and shows it as it is now; its death is then registered', async () => {
    const first = await otherDwelling(twice);
    const second = await otherDwelling(twice, [first.id]);
    const [p1, p2] = await personOnTwoPages(newPage, [populationOfficer, secondPopulationOfficer], twice.id_number);

    await fillMove(p1.page, first.address);
    await p1.page.getByRole('button', { name: button('登记迁移') }).click();
    await eventually(
      () => p1.page.getByTestId('section-residence').innerText(),
      (text) => expect(text).toContain(first.address),
    );

    await fillMove(p2.page, second.address);
    await p2.page.getByRole('button', { name: button('登记迁移') }).click();
    const conflict = await shown(p2, 'write-conflict');
    expect(await conflict.innerText()).toContain('记录已被他人更新');
    await p2.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
    await eventually(
      () => p2.page.getByTestId('section-residence').innerText(),
      (text) => expect(text).toContain(first.address),
    );
    expect(await changesOf('population', twice.id)).toEqual([
      expect.objectContaining({ operation: 'recordMove', changed_by: populationOfficer.sub, after: expect.objectContaining({ residenceDwellingId: first.id }) }),
    ]);

    // The record as it is now, on the second page: its death is registered at the version shown.
    await p2.page
      .getByTestId('record-death')
      .getByRole('button', { name: /死亡登记/ })
      .click();
    await dialog(p2.page);
    await p2.page.getByRole('button', { name: button('登记死亡') }).click();
    await p2.page.getByTestId('death-date').waitFor();
    expect(await p2.page.getByTestId('death-date').innerText()).toBe(chineseDate(today));
    await p2.page.getByTestId('deceased').waitFor();
    expect(await p2.page.getByTestId('registration-actions').count()).toBe(0);
    const [row] = await sql<{ death_date: string; version: number }>('population', "select to_char(death_date, 'YYYY-MM-DD') as death_date, version from person where id = $1", [twice.id]);
    expect(row).toEqual({ death_date: today, version: 3 });
    expect((await changesOf('population', twice.id)).map((c) => [c.operation, c.changed_by])).toEqual([
      ['recordMove', populationOfficer.sub],
      ['recordDeath', secondPopulationOfficer.sub],
    ]);
  });

  test('出生登记 on the household reached from the person page: a wrong check digit is refused by the form with nothing sent; the newborn joins the household', async () => {
    const p = await newPage();
    const { page } = p;
    await p.signInAs(populationOfficer, 'POPULATION_ADMINISTRATION');
    await lookUpPerson(p, parent.id_number);
    await page.getByTestId('section-identity').locator(`a[data-household-id="${parent.household_id}"]`).click();
    await page.waitForURL(`**/households/${parent.household_id}`);
    await page.getByTestId('household-members').waitFor();

    const born = daysBefore(today, 12);
    const idNumber = makeIdNumber(DISTRICT, born, 802); // even sequence: a girl
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    await page.getByRole('button', { name: /出生登记/ }).click();
    const form = await dialog(page);
    await page.getByLabel('公民身份号码').fill(wrong);
    await page.getByLabel('姓名').fill('张小满');
    await choose(page, '与户主关系', '女（30）');
    await page.getByRole('button', { name: button('登记出生') }).click();
    await eventually(
      () => form.innerText(),
      (text) => expect(text).toContain(`身份证号码校验位错误：按 GB 11643 最后一位应为 ${idNumber[17]}`),
    );
    expect(operationsSent(p, 'PopulationRegisterBirth')).toBe(0);

    await page.getByLabel('公民身份号码').fill(idNumber);
    await page.getByRole('button', { name: button('登记出生') }).click();
    await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
    await eventually(
      () => page.getByTestId('household-members').innerText(),
      (text) => expect(text).toContain('张小满'),
    );
    expect(await page.getByTestId('household-members').innerText()).toContain(chineseDate(born));
    expect(operationsSent(p, 'PopulationRegisterBirth')).toBe(1);
    const [newborn] = await sql<{ id: string; household_id: string; relation_to_head: string; gender: string; version: number }>(
      'population',
      'select id, household_id, relation_to_head, gender, version from person where id_number = $1',
      [idNumber],
    );
    expect(newborn).toMatchObject({ household_id: parent.household_id, relation_to_head: '30', gender: '2', version: 1 });
    expect(await changesOf('population', newborn.id)).toEqual([
      expect.objectContaining({ operation: 'registerBirth', before: null, changed_by: populationOfficer.sub, client_request_id: expect.stringMatching(UUID) }),
    ]);
  });
});

test('a police officer endorses a lapsed 居住证 in the search results and later cancels the registration: the row updates in place', async () => {
  const lapsed = forms.district.manifest.planted.lapsedPermitStillActive.find((r) => r.permitType === '01' && r.reason === 'PERMIT_EXPIRED')!;
  expect(lapsed).toBeDefined();
  const [{ name }] = await sql<{ name: string }>('population', 'select name from person where id = $1', [lapsed.personId]);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const p = await newPage();
  const { page } = p;
  await p.signInAs(policeOfficer, 'FLOATING_POPULATION_MANAGEMENT');
  await p.open('/police/floating-population');
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: button('查询') }).click();
  const row = page.locator(`[data-testid="floating-table"] tr[data-row-key="${lapsed.registrationId}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain('已过期');

  await row.getByRole('button', { name: '签注/换领' }).click();
  await dialog(page);
  await pickDay(page, '新的到期日期', nextYear);
  await page.getByRole('button', { name: button('确认签注') }).click();
  await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => row.innerText(),
    (text) => {
      expect(text).toContain(chineseDate(nextYear));
      expect(text).toContain(chineseDate(today));
      expect(text).not.toContain('已过期');
    },
  );
  const LISTED = 'query($name: String!) { floatingPopulation(filter: { name: $name }, first: 100) { nodes { id version status permitExpiresOn lastEndorsedOn } } }';
  const listed = (await api(policeOfficer, 'FLOATING_POPULATION_MANAGEMENT', LISTED, { name })).floatingPopulation.nodes;
  expect(listed.find((n: { id: string }) => n.id === lapsed.registrationId)).toEqual({
    id: lapsed.registrationId,
    version: 2,
    status: 'ACTIVE',
    permitExpiresOn: nextYear,
    lastEndorsedOn: today,
  });
  expect(await changesOf('public-security', lapsed.registrationId)).toEqual([
    {
      operation: 'renewResidencePermit',
      before: expect.objectContaining({ permitExpiresOn: lapsed.permitExpiresOn, version: 1 }),
      after: expect.objectContaining({ permitExpiresOn: nextYear, lastEndorsedOn: today, version: 2 }),
      changed_by: policeOfficer.sub,
      client_request_id: expect.stringMatching(UUID),
    },
  ]);

  // The resident has left: 注销 with its reason, at the version the row now shows.
  await row.getByRole('button', { name: button('注销') }).click();
  await dialog(page);
  await choose(page, '注销原因', '迁离本地');
  await page.getByRole('button', { name: button('确认注销') }).click();
  await row.getByTestId('registration-cancelled').waitFor();
  expect(await row.getByRole('button', { name: /签注|注\s*销/ }).count()).toBe(0);
  const [registration] = await sql<{ status: string; version: number }>('public-security', 'select status, version from floating_registration where id = $1', [lapsed.registrationId]);
  expect(registration).toEqual({ status: 'CANCELLED', version: 3 });
  expect((await changesOf('public-security', lapsed.registrationId)).map((c) => [c.operation, c.after.reason ?? null])).toEqual([
    ['renewResidencePermit', null],
    ['cancelFloatingRegistration', 'MOVED_AWAY'],
  ]);
});

test('two police officers on one lapsed 居住证: the second 签注, on the version its results showed, is told the record changed and sees the row as it is now; its 注销 then goes through', async () => {
  const [, lapsed] = forms.district.manifest.planted.lapsedPermitStillActive.filter((r) => r.permitType === '01' && r.reason === 'PERMIT_EXPIRED');
  expect(lapsed).toBeDefined();
  const [{ name }] = await sql<{ name: string }>('population', 'select name from person where id = $1', [lapsed.personId]);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const colleague: TestUser = { ...policeOfficer, sub: `${policeOfficer.sub}-b`, name: '陈警官' };

  /** The resident's registration in a page's floating-population results. */
  const rowOn = (p: FormsPage) => p.page.locator(`[data-testid="floating-table"] tr[data-row-key="${lapsed.registrationId}"]`);

  /** 签注/换领 from the page's row, the new expiry next year. */
  async function renew(p: FormsPage) {
    const { page } = p;
    await rowOn(p).getByRole('button', { name: '签注/换领' }).click();
    await dialog(page);
    await pickDay(page, '新的到期日期', nextYear);
    await page.getByRole('button', { name: button('确认签注') }).click();
  }

  const [first, second] = await onTwoPages(newPage, [policeOfficer, colleague], 'FLOATING_POPULATION_MANAGEMENT', async (p) => {
    await p.open('/police/floating-population');
    await p.page.getByLabel('姓名').fill(name);
    await p.page.getByRole('button', { name: button('查询') }).click();
    await rowOn(p).waitFor();
  });
  await renew(first);
  await first.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => rowOn(first).innerText(),
    (text) => expect(text).toContain(chineseDate(nextYear)),
  );

  // The second page still shows version 1: refused as CONFLICT, in Chinese; the dialog closes and the results are read again.
  await renew(second);
  expect(await (await shown(second, 'write-conflict')).innerText()).toContain('记录已被他人更新');
  await second.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => rowOn(second).innerText(),
    (text) => {
      expect(text).toContain(chineseDate(nextYear));
      expect(text).not.toContain('已过期');
    },
  );
  const renewalsSent = second.sent.filter((body) => body.includes('renewResidencePermit')).map((body) => JSON.parse(body).variables.input);
  expect(renewalsSent).toEqual([expect.objectContaining({ registrationId: lapsed.registrationId, expectedVersion: 1 })]);
  expect((await changesOf('public-security', lapsed.registrationId)).map((c) => [c.operation, c.changed_by])).toEqual([['renewResidencePermit', policeOfficer.sub]]);

  // On the row as it is now, the second officer's 注销 goes through at version 2.
  await rowOn(second)
    .getByRole('button', { name: button('注销') })
    .click();
  await dialog(second.page);
  await choose(second.page, '注销原因', '迁离本地');
  await second.page.getByRole('button', { name: button('确认注销') }).click();
  await rowOn(second).getByTestId('registration-cancelled').waitFor();
  const [registration] = await sql<{ status: string; version: number; permit_expires_on: string }>(
    'public-security',
    "select status, version, to_char(permit_expires_on, 'YYYY-MM-DD') as permit_expires_on from floating_registration where id = $1",
    [lapsed.registrationId],
  );
  expect(registration).toEqual({ status: 'CANCELLED', version: 3, permit_expires_on: nextYear });
  expect((await changesOf('public-security', lapsed.registrationId)).map((c) => [c.operation, c.changed_by, c.before?.version, c.after.version])).toEqual([
    ['renewResidencePermit', policeOfficer.sub, 1, 2],
    ['cancelFloatingRegistration', colleague.sub, 2, 3],
  ]);
});

test('a grid worker files a 走访采集 of a let dwelling; a housing officer takes it over from the queue, and the tenancy is in housing’s register', async () => {
  // A dwelling of a grid, let to nobody, with its registered owner; the tenant is another resident.
  const [dwelling] = await sql<{ id: string; address: string; grid_code: string; owner: string }>(
    'housing',
    `select d.id, d.address, d.grid_code, o.owner_person_id as owner from dwelling d join ownership o on o.dwelling_id = d.id
      where d.grid_code is not null and not exists (select 1 from tenancy t where t.dwelling_id = d.id)
      order by d.grid_code, d.id limit 1`,
  );
  const [landlord] = await sql<{ id: string; id_number: string; name: string }>('population', 'select id, id_number, name from person where id = $1', [dwelling.owner]);
  const [tenant] = await sql<{ id: string; id_number: string; name: string }>('population', 'select id, id_number, name from person where death_date is null and id <> $1 order by id desc limit 1', [
    landlord.id,
  ]);
  const startOn = daysBefore(today, 20);
  const worker: TestUser = { dept: 'GRID', jurisdiction: dwelling.grid_code, role: 'GRID_WORKER', sub: `forms-worker-${run}`, name: '周网格' };

  const w = await newPage();
  await w.signInAs(worker, 'GRID_SERVICE');
  await w.open('/grid/visits');
  await w.page.getByRole('heading', { name: '走访采集' }).waitFor();
  expect(await w.page.locator('.ant-select', { has: w.page.getByRole('combobox', { name: '网格' }) }).textContent()).toContain(dwelling.grid_code);
  await choose(w.page, '出租的房屋', dwelling.address, { search: true });
  await w.page.getByLabel('承租人身份证号码').fill(tenant.id_number);
  await w.page.getByLabel('出租人身份证号码').fill(landlord.id_number);
  await pickDay(w.page, '起租日期', startOn);
  await w.page.getByLabel('说明').fill('房东称上月已出租给外地务工人员。');
  await w.page.getByRole('button', { name: '提交房屋部门确认' }).click();
  const filed = await shown(w, 'filed-request');
  const requestId = /CR\d{21}/.exec(await filed.innerText())![0];
  expect(await filed.innerText()).toContain('已转房屋部门确认');
  const [raised] = await sql<{ kind: string; status: string; target_department: string; record_id: string; proposal: Record<string, string>; visited_on: string; raised_by: string }>(
    'grid',
    "select kind, status, target_department, record_id, proposal, to_char(visited_on, 'YYYY-MM-DD') as visited_on, raised_by from correction_request where id = $1",
    [requestId],
  );
  expect(raised).toEqual({
    kind: 'FIELD_TENANCY_STARTED',
    status: 'RAISED',
    target_department: 'HOUSING',
    record_id: dwelling.id,
    proposal: { tenantPersonId: tenant.id, landlordPersonId: landlord.id, rentalUse: '02', startOn },
    visited_on: today,
    raised_by: worker.sub,
  });
  // The grid center keeps people's keys, never their ID numbers.
  expect(JSON.stringify(await sql('grid', 'select * from correction_request where id = $1', [requestId]))).not.toContain(tenant.id_number);

  const h = await newPage();
  await h.signInAs(housingOfficer, 'HOUSING_ADMINISTRATION');
  await h.open('/housing/corrections');
  const row = h.page.locator(`[data-testid="correction-queue"] tr[data-row-key="${requestId}"]`);
  await row.waitFor();
  const queued = await row.innerText();
  expect(queued).toContain('走访采集：房屋已出租');
  expect(queued).toContain(tenant.name);
  expect(queued).toContain(`${chineseDate(startOn)}起租`);
  await h.page.locator('[data-testid="correction-queue"] .ant-spin-spinning').waitFor({ state: 'hidden' });
  await settled(h.page);
  await h.screenshot('housing-corrections');

  await row.getByRole('button', { name: '登记租赁并确认' }).click();
  const takeOver = await dialog(h.page);
  await h.page.getByTestId('take-over-summary').waitFor();
  const summary = await takeOver.innerText();
  expect(summary).toContain(dwelling.address);
  expect(summary).toContain(`${landlord.name}（登记产权人）`);
  await takeOver.getByRole('button', { name: button('登记租赁并确认') }).click();
  expect(await (await shown(h, 'answered')).innerText()).toContain(`确认采集 ${requestId}`);
  await eventually(
    () => row.count(),
    (count) => expect(count).toBe(0),
  );

  const [answered] = await sql<{ status: string; version: number; answer: string; resolved_by: string }>('grid', 'select status, version, answer, resolved_by from correction_request where id = $1', [
    requestId,
  ]);
  const [tenancy] = await sql<{ id: string; tenant_person_id: string; landlord_person_id: string; rental_use: string; start_on: string }>(
    'housing',
    "select id::text, tenant_person_id, landlord_person_id, rental_use, to_char(start_on, 'YYYY-MM-DD') as start_on from tenancy where dwelling_id = $1",
    [dwelling.id],
  );
  expect(tenancy).toEqual({ id: expect.any(String), tenant_person_id: tenant.id, landlord_person_id: landlord.id, rental_use: '02', start_on: startOn });
  expect(answered).toEqual({ status: 'ACCEPTED', version: 2, answer: `已登记租赁 ${tenancy.id}`, resolved_by: housingOfficer.sub });
  expect(await changesOf('housing', tenancy.id)).toEqual([
    expect.objectContaining({ operation: 'recordTenancy', before: null, after: expect.objectContaining({ correctionRequestId: requestId }), changed_by: housingOfficer.sub }),
  ]);

  // The tenancy as housing's dwelling page shows it.
  await h.page.getByTestId('answered').getByRole('link', { name: '查看房屋' }).click();
  await h.page.waitForURL(`**/dwellings/${dwelling.id}`);
  await eventually(
    () => h.page.locator('body').innerText(),
    (text) => {
      expect(text).toContain(tenant.name);
      expect(text).toContain('在租');
    },
  );
});

test('a caseworker ends a member’s 低保 under the household’s open case, from the member’s row', async () => {
  // A 低保 household with two members receiving it: one applies (the case), the other's benefit ends.
  const [pair] = await sql<{ applicant: string; member: string; record_id: string }>(
    'civil-affairs',
    `select a.person_id as applicant, b.person_id as member, b.id::text as record_id
       from assistance_record a join assistance_record b on b.household_id = a.household_id and b.person_id > a.person_id
      where a.kind = 'DIBAO' and a.status = 'ACTIVE' and b.kind = 'DIBAO' and b.status = 'ACTIVE' and b.end_on is null
      order by a.household_id desc limit 1`,
  );
  const [applicant] = await sql<{ id_number: string }>('population', 'select id_number from person where id = $1', [pair.applicant]);
  const opened = await api(
    caseworker,
    'SUBSISTENCE_REVIEW',
    'mutation($n: String!, $a: AuthorizationEvidenceInput) { openAssistanceApplication(idNumber: $n, authorizationOnFile: true, authorization: $a) { id } }',
    { n: applicant.id_number, a: signedAuthorization(`forms-${run}`) },
  );
  const caseId: string = opened.openAssistanceApplication.id;

  const p = await newPage();
  const { page } = p;
  await p.signInAs(caseworker, 'SUBSISTENCE_REVIEW', caseId);
  await p.open(`/civil-affairs/applications/${caseId}`);
  const record = page.getByTestId(`assistance-${pair.record_id}`);
  await record.waitFor();
  expect(await record.innerText()).toContain('在保');
  await record.getByRole('button', { name: '终止救助' }).click();
  await dialog(page);
  await choose(page, '终止原因', '家庭收入超过低保标准');
  await page.getByRole('button', { name: button('确认终止') }).click();
  await eventually(
    () => record.innerText(),
    (text) => {
      expect(text).toContain('终止');
      expect(text).toContain(`${chineseDate(today)}止`);
    },
  );
  expect(await record.getByRole('button').count()).toBe(0);

  const [ended] = await sql<{ status: string; end_on: string; version: number }>(
    'civil-affairs',
    "select status, to_char(end_on, 'YYYY-MM-DD') as end_on, version from assistance_record where id = $1",
    [pair.record_id],
  );
  expect(ended).toEqual({ status: 'ENDED', end_on: today, version: 2 });
  expect(await changesOf('civil-affairs', pair.record_id)).toEqual([
    {
      operation: 'endAssistance',
      before: { status: 'ACTIVE', endOn: null, version: 1 },
      after: { status: 'ENDED', endOn: today, version: 2, reason: 'INCOME_ABOVE_STANDARD' },
      changed_by: caseworker.sub,
      client_request_id: expect.stringMatching(UUID),
    },
  ]);
});

test('two caseworkers end one member’s 低保: the second, on the version its page showed, is told the record changed, and the page shows it ended with nothing left to end', async () => {
  // Another 低保 household than the test above's, with two members receiving it: one applies (the case), the other's benefit ends.
  const [pair] = await sql<{ applicant: string; record_id: string }>(
    'civil-affairs',
    `select applicant, record_id from (
       select distinct on (a.household_id) a.household_id, a.person_id as applicant, b.id::text as record_id
         from assistance_record a join assistance_record b on b.household_id = a.household_id and b.person_id > a.person_id
        where a.kind = 'DIBAO' and a.status = 'ACTIVE' and b.kind = 'DIBAO' and b.status = 'ACTIVE' and b.end_on is null
        order by a.household_id desc, a.person_id, b.person_id) pairs
      order by household_id desc offset 1 limit 1`,
  );
  expect(pair).toBeDefined();
  const [applicant] = await sql<{ id_number: string }>('population', 'select id_number from person where id = $1', [pair.applicant]);
  const opened = await api(
    caseworker,
    'SUBSISTENCE_REVIEW',
    'mutation($n: String!, $a: AuthorizationEvidenceInput) { openAssistanceApplication(idNumber: $n, authorizationOnFile: true, authorization: $a) { id } }',
    { n: applicant.id_number, a: signedAuthorization(`forms-conflict-${run}`) },
  );
  const caseId: string = opened.openAssistanceApplication.id;
  const colleague: TestUser = { ...caseworker, sub: `${caseworker.sub}-b`, name: '周民政' };

  /** The member's 低保 record on a page of the case. */
  const recordOn = (p: FormsPage) => p.page.getByTestId(`assistance-${pair.record_id}`);

  /** 终止救助 from the page's record, for income above the standard. */
  async function end(p: FormsPage) {
    const { page } = p;
    await recordOn(p).getByRole('button', { name: '终止救助' }).click();
    await dialog(page);
    await choose(page, '终止原因', '家庭收入超过低保标准');
    await page.getByRole('button', { name: button('确认终止') }).click();
  }

  const [first, second] = await onTwoPages(
    newPage,
    [caseworker, colleague],
    'SUBSISTENCE_REVIEW',
    async (p) => {
      await p.open(`/civil-affairs/applications/${caseId}`);
      await recordOn(p).waitFor();
      expect(await recordOn(p).innerText()).toContain('在保');
    },
    caseId,
  );
  await end(first);
  await eventually(
    () => recordOn(first).innerText(),
    (text) => expect(text).toContain(`${chineseDate(today)}止`),
  );

  // The second page still shows version 1: refused as CONFLICT, in Chinese; the case is read again and shows the benefit ended.
  await end(second);
  expect(await (await shown(second, 'write-conflict')).innerText()).toContain('记录已被他人更新');
  await second.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'hidden' });
  await eventually(
    () => recordOn(second).innerText(),
    (text) => {
      expect(text).toContain('终止');
      expect(text).toContain(`${chineseDate(today)}止`);
    },
  );
  expect(await recordOn(second).getByRole('button').count()).toBe(0);
  const endsSent = second.sent.filter((body) => body.includes('endAssistance')).map((body) => JSON.parse(body).variables.input);
  expect(endsSent).toEqual([expect.objectContaining({ recordId: pair.record_id, expectedVersion: 1 })]);

  const [ended] = await sql<{ status: string; version: number }>('civil-affairs', 'select status, version from assistance_record where id = $1', [pair.record_id]);
  expect(ended).toEqual({ status: 'ENDED', version: 2 });
  expect((await changesOf('civil-affairs', pair.record_id)).map((c) => [c.operation, c.changed_by])).toEqual([['endAssistance', caseworker.sub]]);
});
