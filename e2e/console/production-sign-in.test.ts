/**
 * The production path: no development sign-in; the console sends staff to the district's identity provider,
 * which sends them back to /#id_token=<jwt>. The gateway accepts exactly the provider's tokens (its public key
 * USER_JWT_PUBLIC_KEY and issuer USER_JWT_ISSUER) and nothing signed with the development key.
 */
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { freePort, productionEnv, startHub, userToken, type RunningHub } from '@hub/testkit';
import { foreignRequests, openConsoleBrowser, type ConsoleBrowser } from './browser';

const PROVIDER_ISSUER = 'https://sso.jinnan.example.gov.cn/realms/staff';
const PROVIDER_LOGIN_URL = 'https://sso.jinnan.example.gov.cn/realms/staff/protocol/openid-connect/auth?client_id=gridhub-console&response_type=id_token';
const provider = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function providerToken(claims: { sub: string; name: string; dept: string; role: string; jurisdiction: string }, issuer = PROVIDER_ISSUER): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).setSubject(sub).setIssuer(issuer).setIssuedAt().setExpirationTime('1h').sign(provider.privateKey);
}

let hub: RunningHub;
let browser: ConsoleBrowser;

beforeAll(async () => {
  const refused = `http://127.0.0.1:${await freePort()}/graphql`;
  hub = await startHub({
    subgraphs: ['population', 'grid'],
    env: {
      ...productionEnv(),
      USER_JWT_PUBLIC_KEY: provider.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      USER_JWT_ISSUER: PROVIDER_ISSUER,
      CONSOLE_IDP_LOGIN_URL: PROVIDER_LOGIN_URL,
      SUBGRAPH_URL_HOUSING: refused,
      SUBGRAPH_URL_CIVIL_AFFAIRS: refused,
      SUBGRAPH_URL_PUBLIC_SECURITY: refused,
    },
  });
  browser = await openConsoleBrowser(hub);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

test('no development sign-in in production: the sign-in page sends staff to the identity provider', async () => {
  expect((await fetch(`${browser.origin}/auth/dev/token`, { method: 'POST', body: '{}' })).status).toBe(404);
  expect((await fetch(`${browser.origin}/auth/dev/directory`)).status).toBe(404);
  const config = await (await fetch(`${browser.origin}/auth/config`)).json();
  expect(config).toEqual({ development: false, identityProviderLoginUrl: PROVIDER_LOGIN_URL });

  const consolePage = await browser.newPage();
  await consolePage.page.goto(`${browser.origin}/`);
  const link = consolePage.page.getByRole('link', { name: '通过统一身份认证登录' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toBe(PROVIDER_LOGIN_URL);
  expect(await consolePage.page.getByText('开发环境登录').count()).toBe(0);
  await consolePage.screenshot('sign-in-production');
  await consolePage.page.context().close();
});

test("the provider's token, handed back in the address fragment, signs the user in; a development token does not", async () => {
  const token = await providerToken({ sub: 'sso-0042', name: '李建国', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112001' });
  const consolePage = await browser.newPage();
  const { page } = consolePage;
  await page.goto(`${browser.origin}/#id_token=${token}`);
  await page.getByText('选择本次工作的用途').waitFor();
  await expect(page.getByText('李建国').count()).resolves.toBeGreaterThan(0);
  await expect(page.getByText('双新街道', { exact: false }).count()).resolves.toBeGreaterThan(0);
  // The token does not stay in the address bar (history, screenshots, shoulder-surfing).
  expect(new URL(page.url()).hash).toBe('');
  expect(foreignRequests(consolePage)).toEqual([]);
  expect(consolePage.pageErrors).toEqual([]);
  await page.context().close();

  const session = await fetch(`${browser.origin}/auth/session`, { headers: { authorization: `Bearer ${token}` } });
  expect(session.status).toBe(200);
  const development = await fetch(`${browser.origin}/auth/session`, { headers: { authorization: `Bearer ${await userToken({ dept: 'GRID', jurisdiction: '120112' })}` } });
  expect(development.status).toBe(401);
  const wrongIssuer = await fetch(`${browser.origin}/auth/session`, {
    headers: { authorization: `Bearer ${await providerToken({ sub: 'x', name: 'x', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' }, 'https://elsewhere.example')}` },
  });
  expect(wrongIssuer.status).toBe(401);
});
