/**
 * A newcomer opens the console the gateway serves, signs in with the development sign-in (department,
 * jurisdiction from the district's tree, role, name), chooses a purpose — only those the department may use —
 * and works; nothing is fetched from the graph before the purpose is chosen, and nothing leaves the gateway's origin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHub, type RunningHub } from '@hub/testkit';
import { CONSOLE_ROUTE_SECTIONS } from '../../gateway/src/console/static-files';
import { foreignRequests, openConsoleBrowser, type ConsoleBrowser } from './browser';

let hub: RunningHub;
let browser: ConsoleBrowser;

beforeAll(async () => {
  hub = await startHub();
  browser = await openConsoleBrowser(hub);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

test('the gateway serves the console at / with a policy that allows only its own origin', async () => {
  const response = await fetch(`${browser.origin}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  const html = await response.text();
  expect(html).toContain('lang="zh-CN"');
  // A missing asset is a 404, not the page; so is a path that is neither the console's nor the API's.
  expect((await fetch(`${browser.origin}/assets/does-not-exist.js`)).status).toBe(404);
  expect((await fetch(`${browser.origin}/graphiql`)).status).toBe(404);
});

test("every page of the console reloads from its own address (the gateway knows the console's sections)", async () => {
  const areas = join(__dirname, '..', '..', 'console', 'src', 'areas');
  const paths = readdirSync(areas, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'home') // home is /, served as the console's root
    .flatMap((entry) => [...readFileSync(join(areas, entry.name, 'index.tsx'), 'utf8').matchAll(/path: '([^']+)'/g)].map((m) => m[1]));
  expect(paths.length).toBeGreaterThan(10);
  for (const path of paths) {
    expect({ path, section: CONSOLE_ROUTE_SECTIONS.includes(path.split('/')[1] as never) }).toEqual({ path, section: true });
    const response = await fetch(`${browser.origin}${path.replace(/:[a-z]+/gi, 'X1')}`);
    expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
  }
});

test('a grid officer signs in through the forms, chooses a purpose and sees who they are on every screen', async () => {
  const consolePage = await browser.newPage();
  const { page } = consolePage;
  const timedLoad = async () => {
    const started = Date.now();
    await page.goto(`${browser.origin}/`);
    await page.getByText('开发环境登录').waitFor();
    return Date.now() - started;
  };
  // Reported, not asserted: the first visit (empty browser cache) and a second one (assets cached, as every day after).
  const coldMs = await timedLoad();
  const warmMs = await timedLoad();
  process.stderr.write(`[console] first page (sign-in form with the district tree) loaded in ${coldMs} ms cold, ${warmMs} ms with the browser's cache\n`);

  // The form refuses an empty submission with Chinese messages.
  await page.getByRole('button', { name: '登 录' }).click();
  await page.getByText('请选择部门').waitFor();
  await page.getByText('请输入姓名').waitFor();

  await page.getByLabel('部门').click();
  await page.getByTitle('网格中心').click();
  await page.getByLabel('辖区').click();
  await page.keyboard.type('双新街道');
  await page.getByTitle('双新街道（街道/镇 120112001）').click();
  await page.getByLabel('姓名').fill('王芳');
  await page.getByText('网格化数据共享平台 · 工作台登录').click(); // closes the tree's dropdown before the picture
  await page.getByText('请选择辖区').waitFor({ state: 'detached' });
  await page.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
  await consolePage.screenshot('sign-in');
  await page.getByRole('button', { name: '登 录' }).click();

  // The purpose page: only the grid center's purpose; nothing asked of the graph yet.
  await page.getByText('选择本次工作的用途').waitFor();
  expect(consolePage.requests.filter((url) => url.endsWith('/graphql'))).toEqual([]);
  const purposes = await page.getByRole('radio').count();
  expect(purposes).toBe(1);
  await expect(page.getByText('网格服务管理').count()).resolves.toBeGreaterThan(0);
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: '开始工作' }).click();

  const identity = page.getByTestId('identity-bar');
  await identity.waitFor();
  await expect(identity.textContent()).resolves.toContain('王芳');
  await expect(page.getByTestId('jurisdiction').textContent()).resolves.toContain('双新街道');
  await expect(page.getByTestId('purpose').textContent()).resolves.toContain('网格');

  expect(foreignRequests(consolePage)).toEqual([]);
  expect(consolePage.pageErrors).toEqual([]);
  await page.context().close();
});

test('a wrong token is refused in Chinese, and signing out returns to the sign-in page', async () => {
  const consolePage = await browser.newPage();
  const { page } = consolePage;
  await page.goto(`${browser.origin}/`);
  await page.getByLabel('令牌').fill('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA');
  await page.getByRole('button', { name: '使用令牌登录' }).click();
  await expect(page.getByRole('alert').first().textContent()).resolves.toContain('令牌无效');

  await consolePage.signInAs({ dept: 'HOUSING', jurisdiction: '120112' }, 'HOUSING_ADMINISTRATION');
  await consolePage.open('/');
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await page.getByText('开发环境登录').waitFor();
  expect(consolePage.pageErrors).toEqual([]);
  await page.context().close();
});

test('the purpose is chosen with the keyboard alone, and a case-bound purpose asks for its case', async () => {
  const consolePage = await browser.newPage();
  const { page } = consolePage;
  await consolePage.signInAs({ dept: 'PUBLIC_SECURITY', jurisdiction: '120112', name: '赵警官' }, undefined);
  await page.goto(`${browser.origin}/`);
  await page.getByText('选择本次工作的用途').waitFor();
  // Public security has two purposes; 案件侦查 needs a case.
  await expect(page.getByRole('radio').count()).resolves.toBe(2);
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('radio');
  await page.keyboard.press('ArrowDown'); // the second purpose: 案件侦查
  await expect(page.getByLabel('案件编号').count()).resolves.toBe(1);
  await page.keyboard.press('Tab');
  await page.keyboard.type('bad case id!');
  await page.keyboard.press('Enter');
  await page.getByText('案件编号为 1–64 位字母、数字或 _ - : . 字符').waitFor();
  await page.getByLabel('案件编号').fill('JN2026-0815');
  await page.keyboard.press('Enter');
  await page.getByTestId('identity-bar').waitFor();
  await expect(page.getByTestId('purpose').textContent()).resolves.toContain('案件侦查');
  await expect(page.getByTestId('case').textContent()).resolves.toContain('JN2026-0815');
  expect(consolePage.pageErrors).toEqual([]);
  await page.context().close();
});
