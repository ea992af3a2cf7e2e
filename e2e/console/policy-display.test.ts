/**
 * How the access policy shows across the console. A housing officer (房屋信息管理) opens a resident and a grid's
 * lists: what the policy masks carries the mark, what it denies reads "无权限" — which fields, is read from the
 * departments' policy.ts, not written down here — and no cell is ever blank. Then the answers that are not about a
 * field: a grid worker asking for a resident of another grid (不在辖区), a case-bound purpose without its case, and
 * housing's system down while a grid officer reads a record (the notice names 房屋; the rest of the record shows).
 */
import { mask, type Purpose } from '@hub/access';
import type { SubgraphName } from '@hub/topology';
import { ruleFor } from '@hub/subgraph-kit';
import { startHub, testSeedManifest, type RunningHub } from '@hub/testkit';
import { civilAffairsPolicy } from '../../subgraphs/civil-affairs/src/policy';
import { gridPolicy } from '../../subgraphs/grid/src/policy';
import { housingPolicy } from '../../subgraphs/housing/src/policy';
import { populationPolicy } from '../../subgraphs/population/src/policy';
import { publicSecurityPolicy } from '../../subgraphs/public-security/src/policy';
import { foreignRequests, lookUpPerson, openConsoleBrowser, type ConsoleBrowser, type ConsolePage } from './browser';

const POLICIES = { population: populationPolicy, housing: housingPolicy, 'civil-affairs': civilAffairsPolicy, 'public-security': publicSecurityPolicy, grid: gridPolicy } as const;

type Shown = 'CLEAR' | 'MASKED' | 'DENIED';

/** What the enforced policy (the departments' policy.ts) gives a purpose for a field. A DERIVED fact shows as a value. */
function outcome(owner: SubgraphName, key: string, purpose: Purpose): Shown {
  const rule = ruleFor(POLICIES[owner], key);
  if (!rule) throw new Error(`${owner} has no policy entry for ${key}`);
  const given = rule.outcomes[purpose];
  return given === 'DERIVED' ? 'CLEAR' : given;
}

/**
 * A birth date is the year only wherever the ID number is masked (ACCESS-POLICY.md, masking formats: region + birth
 * date + the kept digits would give the number back): the year with the masked mark, or the whole date, as the policy says.
 */
async function expectBirthDate(cell: ReturnType<ConsolePage['page']['locator']>, purpose: Purpose): Promise<void> {
  const { as, text } = await shown(cell);
  const expected = outcome('population', 'Person.birthDate', purpose);
  if (text === '—') return; // no birth date recorded: neither masked nor denied
  expect(as).toEqual(expected);
  if (expected === 'MASKED') expect(text).toMatch(/^\d{4}年$/);
  if (expected === 'CLEAR') expect(text).toMatch(/^\d{4}年\d{2}月\d{2}日$/);
}

/** The person page's labelled values and the field each shows (a value inside a denied object follows that object). */
const PERSON_FIELDS: Array<{ label: string; owner: SubgraphName; key: string }> = [
  { label: '姓名', owner: 'population', key: 'Person.name' },
  { label: '身份证号码', owner: 'population', key: 'Person.idNumber' },
  { label: '性别', owner: 'population', key: 'Person.gender' },
  { label: '联系电话', owner: 'population', key: 'Person.phone' },
  { label: '人口类型', owner: 'population', key: 'Person.populationType' },
  { label: '户号', owner: 'population', key: 'Person.household' },
  { label: '居住地址', owner: 'housing', key: 'Dwelling.address' },
  { label: '房屋用途', owner: 'housing', key: 'Dwelling.use' },
  { label: '建筑面积', owner: 'housing', key: 'Dwelling.area' },
  { label: '名下房产套数', owner: 'housing', key: 'Person.ownedDwellingCount' },
  { label: '需重点关注', owner: 'public-security', key: 'Person.needsAttention' },
  { label: '重点人员类别', owner: 'public-security', key: 'Person.keyPerson' },
  { label: '非豁免机动车数', owner: 'public-security', key: 'Person.nonExemptVehicleCount' },
  { label: '机动车', owner: 'public-security', key: 'Person.vehicles' },
  { label: '享受救助', owner: 'civil-affairs', key: 'Person.receivesAssistance' },
  { label: '持残疾证', owner: 'civil-affairs', key: 'Person.hasDisability' },
];

/** The grid page's residents table: column title → field. */
const RESIDENT_COLUMNS: Array<{ title: string; owner: SubgraphName; key: string }> = [
  { title: '姓名', owner: 'population', key: 'Person.name' },
  { title: '身份证号码', owner: 'population', key: 'Person.idNumber' },
  { title: '联系电话', owner: 'population', key: 'Person.phone' },
  { title: '户号', owner: 'population', key: 'Person.household' },
  { title: '享受救助（民政）', owner: 'civil-affairs', key: 'Person.receivesAssistance' },
  { title: '需重点关注（公安）', owner: 'public-security', key: 'Person.needsAttention' },
];

let hub: RunningHub;
let browser: ConsoleBrowser;
const manifest = testSeedManifest();
/** A resident with a household, a dwelling, a phone (an 80+ living alone of the test district). */
const subject = manifest.planted.elderlyLivingAlone[0];

beforeAll(async () => {
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** What a value cell shows: masked (with the mark), refused (and why), or a value. */
async function shown(cell: ReturnType<ConsolePage['page']['locator']>): Promise<{ as: Shown | 'OTHER_REFUSAL'; text: string }> {
  const text = (await cell.innerText()).trim();
  const refusals = await cell.locator('[data-refusal]').evaluateAll((els) => els.map((el) => el.getAttribute('data-refusal')));
  if (refusals.length) return { as: refusals[0] === 'FORBIDDEN' ? 'DENIED' : 'OTHER_REFUSAL', text };
  if (await cell.locator('[data-masked="true"]').count()) return { as: 'MASKED', text };
  return { as: 'CLEAR', text };
}

/** The content cell of a Descriptions item by its label. */
function item(p: ConsolePage, label: string) {
  return p.page
    .locator('th.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) })
    .first()
    .locator('xpath=following-sibling::td[1]');
}

test('a housing officer sees what housing administration may see: masked with the mark, denied as 无权限, never blank', async () => {
  const purpose: Purpose = 'HOUSING_ADMINISTRATION';
  const expected = PERSON_FIELDS.map((f) => ({ label: f.label, as: outcome(f.owner, f.key, purpose) }));
  // The policy gives housing a mix (so the page is really tested): some masked, several denied, the rest clear.
  expect(expected.filter((e) => e.as === 'MASKED').map((e) => e.label)).toEqual(expect.arrayContaining(['身份证号码', '联系电话']));
  expect(expected.filter((e) => e.as === 'DENIED').length).toBeGreaterThanOrEqual(5);

  const p = await browser.newPage();
  await p.signInAs({ dept: 'HOUSING', jurisdiction: '120112', sub: 'housing-policy-e2e', name: '钱房管' }, purpose);
  await lookUpPerson(p, subject.idNumber);
  await item(p, '姓名').waitFor();
  await p.page.locator('[data-refusal]').first().waitFor();

  const observed = [];
  for (const { label } of expected) observed.push({ label, as: (await shown(item(p, label))).as });
  expect(observed).toEqual(expected);
  // The masks are the policy's formats (@hub/access mask), shown as they come.
  expect((await shown(item(p, '身份证号码'))).text).toBe(mask('idNumber', subject.idNumber));
  expect((await shown(item(p, '联系电话'))).text).toMatch(/^\d{3}\*{4}\d{4}$/);
  for (const { label, as } of expected) if (as === 'DENIED') expect((await shown(item(p, label))).text).toBe('无权限');
  await expectBirthDate(item(p, '出生日期'), purpose);
  // No value cell on the page is blank.
  const blank = await p.page.locator('td.ant-descriptions-item-content').evaluateAll((cells) => cells.filter((c) => !(c as HTMLElement).innerText.trim()).length);
  expect(blank).toBe(0);
  await p.screenshot('policy-housing');

  // The grid's lists, as housing may see them: residents (masked ID numbers, denied columns) and households (denied whole).
  await p.open(`/grid/${subject.gridCode}`);
  const residents = p.page.getByTestId('residents-table');
  await residents.locator('tr.ant-table-row').first().waitFor();
  const titles = await residents.locator('thead th').allInnerTexts();
  const rows = await residents.locator('tr.ant-table-row').all();
  for (const { title, owner, key } of RESIDENT_COLUMNS) {
    const index = titles.findIndex((t) => t.trim() === title);
    expect({ title, index: index >= 0 }).toEqual({ title, index: true });
    const want = outcome(owner, key, purpose);
    const seen = new Set<string>();
    for (const row of rows.slice(0, 10)) {
      const { as, text } = await shown(row.locator('td').nth(index));
      // A resident without the value (no phone on record) has nothing to mask: "—", never a blank cell.
      seen.add(text === '—' && want !== 'DENIED' ? 'NO_DATA' : as);
      expect(text).not.toBe('');
      if (want === 'DENIED') expect(text).toBe('无权限');
    }
    seen.delete('NO_DATA');
    expect({ title, seen: [...seen] }).toEqual({ title, seen: [want] });
  }
  const birth = titles.findIndex((t) => t.trim() === '出生日期');
  for (const row of rows.slice(0, 10)) await expectBirthDate(row.locator('td').nth(birth), purpose);
  const households = outcome('population', 'Grid.households', purpose);
  await p.page.getByRole('tab', { name: '户' }).click();
  const tab = p.page.locator('[role=tabpanel]:visible');
  if (households === 'DENIED') await expect(tab.locator('[data-refusal="FORBIDDEN"]').first().innerText()).resolves.toBe('无权限');
  else await tab.getByTestId('households-table').waitFor();

  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test('a grid worker asking for a resident of another grid is told, in Chinese, that the record is not in their jurisdiction', async () => {
  const elsewhere = manifest.planted.elderlyLivingAlone.find((e) => e.gridCode !== subject.gridCode)!;
  const p = await browser.newPage();
  await p.signInAs({ dept: 'GRID', jurisdiction: elsewhere.gridCode, role: 'GRID_WORKER', name: '周网格' }, 'GRID_SERVICE');
  await lookUpPerson(p, subject.idNumber);
  await p.page.getByRole('alert').filter({ hasText: '该记录不在您的辖区内，不予显示' }).waitFor();
  await expect(p.page.locator('th.ant-descriptions-item-label').count()).resolves.toBe(0);
  // Their own grid's resident opens.
  await lookUpPerson(p, elsewhere.idNumber);
  await item(p, '姓名').waitFor();
  await expect(p.page.getByRole('alert').filter({ hasText: '不在您的辖区' }).count()).resolves.toBe(0);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test('a case-bound purpose without its case is explained: the case number is required', async () => {
  const p = await browser.newPage();
  await p.signInAs({ dept: 'PUBLIC_SECURITY', jurisdiction: '120112', name: '吴警官' }, 'CASE_INVESTIGATION');
  await lookUpPerson(p, subject.idNumber);
  const alert = p.page.getByRole('alert').filter({ hasText: '该用途必须关联案件' });
  await alert.waitFor();
  await expect(alert.innerText()).resolves.toContain('案件编号');
  await expect(alert.innerText()).resolves.toMatch(/请求编号 \S+/);
  await expect(p.page.locator('th.ant-descriptions-item-label').count()).resolves.toBe(0);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test("with housing's system down, a grid officer's record names 房屋 and shows the rest", async () => {
  await hub.processes.get('housing')!.stop();
  const p = await browser.newPage();
  await p.signInAs({ dept: 'GRID', jurisdiction: '120112', name: '郑网格' }, 'GRID_SERVICE');
  await lookUpPerson(p, subject.idNumber);
  const notice = p.page.getByRole('alert').filter({ hasText: '房屋' });
  await notice.waitFor();
  await expect(notice.innerText()).resolves.toContain('房屋部门的系统暂时无法访问');
  // Housing's fields say so; population's, civil affairs' and public security's still show.
  for (const label of ['居住地址', '名下房产套数']) await expect(shown(item(p, label))).resolves.toEqual({ as: 'OTHER_REFUSAL', text: '房屋暂不可用' });
  await expect(item(p, '姓名').innerText()).resolves.not.toBe('');
  expect((await shown(item(p, '姓名'))).as).toBe(outcome('population', 'Person.name', 'GRID_SERVICE'));
  expect((await shown(item(p, '身份证号码'))).as).toBe(outcome('population', 'Person.idNumber', 'GRID_SERVICE'));
  expect((await shown(item(p, '享受救助'))).as).toBe(outcome('civil-affairs', 'Person.receivesAssistance', 'GRID_SERVICE'));
  expect((await shown(item(p, '需重点关注'))).as).toBe(outcome('public-security', 'Person.needsAttention', 'GRID_SERVICE'));
  await p.screenshot('policy-housing-down');
  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});
