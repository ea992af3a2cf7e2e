/**
 * 审计 in the console: a grid worker looks a resident up; an access auditor then asks "who looked at this person?"
 * and finds that look — the worker by name, 网格中心, 网格服务管理, the fields it touched, the time in China —
 * among the five departments' logs, newest first, narrows the list by department and purpose, and checks that
 * every department's hash-chained log is intact.
 */
import { postGraphQL, startHub, testSeedManifest, userToken, type RunningHub } from '@hub/testkit';
import { foreignRequests, openConsoleBrowser, type ConsoleBrowser, type ConsolePage } from './browser';

const AUDITOR = { dept: 'AUDIT' as const, jurisdiction: '120112', role: 'AUDITOR' as const, sub: 'auditor-console-e2e', name: '孙审计' };

let hub: RunningHub;
let browser: ConsoleBrowser;

beforeAll(async () => {
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** China's wall-clock minute of an instant, as the console writes it: "2026年12月03日 14:05". */
function chinaMinute(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The texts of one column of the access-log table, row by row. */
async function column(p: ConsolePage, index: number): Promise<string[]> {
  return p.page
    .getByTestId('access-log')
    .locator('tr.ant-table-row')
    .evaluateAll((rows, i) => rows.map((r) => (r.children[i] as HTMLElement)?.innerText ?? ''), index);
}

/** Picks an option of an antd Select named by its aria-label. */
async function choose(p: ConsolePage, selectLabel: string, option: string): Promise<void> {
  await p.page.getByRole('combobox', { name: selectLabel }).click();
  await p.page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

test('an auditor finds the grid worker who just looked a resident up, and every log intact', async () => {
  // Not [0] nor [2]: policy-display's person page reads those under every purpose while this file runs, and their
  // events would push the worker's look out of the newest page of the log.
  const subject = testSeedManifest().planted.elderlyLivingAlone[3];
  const worker = { dept: 'GRID' as const, jurisdiction: subject.gridCode, role: 'GRID_WORKER' as const, sub: 'grid-worker-audit-e2e', name: '赵晓梅' };

  // 1. The grid worker opens the resident's record through the console.
  const officer = await browser.newPage();
  await officer.signInAs(worker, 'GRID_SERVICE');
  await officer.open('/people');
  const lookedAt = Date.now();
  await officer.page.getByLabel('身份证号码').fill(subject.idNumber);
  await officer.page.keyboard.press('Enter');
  await officer.page.locator('[data-masked="true"]').first().waitFor(); // the record is shown (ID number masked for 网格服务管理)
  const lookedUntil = Date.now();
  expect(officer.pageErrors).toEqual([]);
  await officer.page.context().close();

  // 2. The auditor opens 谁查看了我的信息 from the menu; a wrong check digit is refused in Chinese before any request.
  const p = await browser.newPage();
  await p.signInAs(AUDITOR, 'ACCESS_AUDIT');
  await p.open('/');
  await p.page.locator('.shell-sider').getByRole('link', { name: '谁查看了我的信息' }).click();
  await p.page.getByRole('heading', { name: '谁查看了我的信息' }).waitFor();
  const wrong = subject.idNumber.slice(0, 17) + (subject.idNumber[17] === '0' ? '1' : '0');
  await p.page.getByLabel('身份证号码').fill(wrong);
  await p.page.getByText('身份证号码校验位错误').waitFor();
  expect(p.requests.filter((url) => url.endsWith('/graphql'))).toEqual([]);
  await p.page.getByLabel('身份证号码').fill(subject.idNumber);
  await p.page.keyboard.press('Enter');

  // 3. The worker's look, as the auditor reads it: who, department, purpose, no case, fields, when, outcome.
  const table = p.page.getByTestId('access-log');
  const row = table.locator('tr.ant-table-row', { hasText: '赵晓梅' }).first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  const [when, who, department, purpose, caseId, fields, outcome, source] = cells;
  expect([chinaMinute(lookedAt), chinaMinute(lookedUntil)].some((minute) => when.startsWith(minute))).toBe(true);
  expect(when).toMatch(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}:\d{2}$/);
  expect(who).toContain('赵晓梅');
  expect(who).toContain('grid-worker-audit-e2e');
  expect(who).toContain('网格员');
  expect(department).toBe('网格中心');
  expect(purpose).toBe('网格服务管理');
  expect(caseId).toBe('无');
  expect(fields.trim()).not.toBe('');
  expect(fields).not.toMatch(/[a-z]+\.[a-zA-Z]+/); // field classes read as words, not codes
  expect(['明文提供', '脱敏提供', '仅提供结论', '拒绝（无权限）', '拒绝（不在辖区）']).toContain(outcome);
  expect(['人口（户籍）', '房屋', '民政', '公安', '网格中心']).toContain(source);
  // The whole look, row by row: every department that answered recorded it; the name was given clear, the ID number masked.
  const look = await table.locator('tr.ant-table-row', { hasText: 'grid-worker-audit-e2e' }).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText)));
  // (The grid center's answer — the dwelling's grid and its workers — is about the grid, not the person, so it is logged without him.)
  expect([...new Set(look.map((cells) => cells[7]))].sort()).toEqual(['人口（户籍）', '房屋', '民政', '公安'].sort());
  expect(look.some((cells) => cells[5].includes('姓名') && cells[6] === '明文提供')).toBe(true);
  expect(look.some((cells) => cells[5].includes('身份证号码') && cells[6] === '脱敏提供')).toBe(true);
  // Whose log: the person, as the audit purpose shows them (masked).
  await expect(p.page.locator('.ant-descriptions [data-masked="true"]').count()).resolves.toBe(2);

  // Newest first.
  const times = await column(p, 0);
  expect(times.length).toBeGreaterThan(1);
  expect([...times].sort().reverse()).toEqual(times);
  await p.screenshot('audit');

  // 4. Narrowed on the page by department, then by purpose; cleared again.
  const all = times.length;
  await choose(p, '按访问部门筛选', '网格中心');
  const departments = await column(p, 2);
  expect(departments.length).toBeGreaterThan(0);
  expect(new Set(departments)).toEqual(new Set(['网格中心']));
  await choose(p, '按用途筛选', '网格服务管理');
  expect(new Set(await column(p, 3))).toEqual(new Set(['网格服务管理']));
  for (const label of ['按访问部门筛选', '按用途筛选']) {
    const select = p.page.locator('.ant-select', { has: p.page.getByRole('combobox', { name: label }) });
    await select.hover();
    await select.locator('.ant-select-clear').click();
  }
  await p.page.waitForFunction((n) => document.querySelectorAll('[data-testid="access-log"] tr.ant-table-row').length === n, Math.min(all, 20));

  // 5. The integrity panel: every department's chain walked, all intact.
  await p.page.locator('.shell-sider').getByRole('link', { name: '审计日志完整性' }).click();
  const intact = p.page.getByTestId('integrity-intact');
  await intact.waitFor();
  await expect(intact.textContent()).resolves.toContain('全部 5 个部门的访问日志哈希链完整');
  const rows = p.page.getByTestId('integrity-table').locator('tr[data-status]');
  await expect(rows.evaluateAll((trs) => trs.map((tr) => `${(tr.children[0] as HTMLElement).innerText} ${tr.getAttribute('data-status')}`))).resolves.toEqual([
    '人口（户籍） INTACT',
    '房屋 INTACT',
    '民政 INTACT',
    '公安 INTACT',
    '网格中心 INTACT',
  ]);
  await p.screenshot('audit-integrity');

  expect(foreignRequests(p)).toEqual([]);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test('a long log is read 50 events at a time, older ones on request', async () => {
  const subject = testSeedManifest().planted.elderlyLivingAlone[1];
  // A busy week: the same officer opens the record twelve times (each look leaves a row per department answering).
  const headers = { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112', sub: 'grid-officer-busy', name: '钱多看' })}`, 'x-purpose': 'GRID_SERVICE' };
  for (let i = 0; i < 12; i++) {
    const response = await postGraphQL(
      hub.gatewayUrl,
      'query($id: String!) { person(idNumber: $id) { name idNumber phone residence { address } receivesAssistance needsAttention ownedDwellingCount } }',
      { id: subject.idNumber },
      headers,
    );
    expect(response.errors).toBeUndefined();
  }
  const p = await browser.newPage();
  await p.signInAs(AUDITOR, 'ACCESS_AUDIT');
  await p.open('/audit/access-log');
  await p.page.getByLabel('身份证号码').fill(subject.idNumber);
  await p.page.getByRole('button', { name: '查询访问记录' }).click();
  await p.page.getByText('访问记录（已载入最新 50 条）').waitFor();
  await p.page.getByRole('button', { name: '载入更早的记录' }).click();
  await p.page.getByText(/访问记录（已载入最新 (5[1-9]|[6-9]\d|100) 条）/).waitFor();
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});

test('only the access auditors have the audit pages', async () => {
  const p = await browser.newPage();
  await p.signInAs({ dept: 'GRID', jurisdiction: '120112' }, 'GRID_SERVICE');
  await p.open('/');
  await expect(p.page.locator('.shell-sider').getByText('谁查看了我的信息').count()).resolves.toBe(0);
  await p.open('/audit/integrity');
  await expect(p.page.getByTestId('integrity-table').count()).resolves.toBe(0);
  expect(p.requests.some((url) => url.endsWith('/graphql'))).toBe(false);
  expect(p.pageErrors).toEqual([]);
  await p.page.context().close();
});
