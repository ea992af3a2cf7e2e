/**
 * The console in a real browser: Debian's Chromium driven by Playwright's library, against a running hub's
 * gateway (which serves the console at / and the API at /graphql on the same origin).
 *
 * Every request a page makes is recorded, so a test can assert that the console talks to nothing but the gateway;
 * every uncaught page error and console.error is recorded, so a test can assert the console never broke.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Purpose } from '@hub/access';
import type { RunningHub, TestUser } from '@hub/testkit';

/** Debian's chromium package (installed by .ci/run when missing); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where the suite writes the screenshots the README shows. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');

/** A laptop: the smallest screen the console promises to work on. */
export const LAPTOP = { width: 1366, height: 768 };

const SESSION_STORAGE_KEY = 'gridhub.console.session';

export interface ConsolePage {
  page: Page;
  origin: string;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Uncaught exceptions and console.error lines of the page (not Chromium's own lines about refused requests). */
  pageErrors: string[];
  /** Signs in through the gateway's development sign-in and chooses the purpose, without driving the forms. */
  signInAs(user: TestUser, purpose: Purpose | undefined, caseId?: string): Promise<void>;
  /** Opens a console path (client-side route) after signing in. */
  open(path: string): Promise<void>;
  /** Saves a full-window PNG under docs/screenshots and returns its path. */
  screenshot(name: string): Promise<string>;
}

export interface ConsoleBrowser {
  origin: string;
  newPage(viewport?: { width: number; height: number }): Promise<ConsolePage>;
  close(): Promise<void>;
}

export async function openConsoleBrowser(hub: RunningHub): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH`);
  }
  const origin = new URL(hub.gatewayUrl).origin;
  // The flags keep a headless Chromium off the network it has no business with (this machine's network is closed).
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    origin,
    async newPage(viewport = LAPTOP) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const requests: string[] = [];
      const pageErrors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      page.on('console', (message) => {
        // A refused request (401, 404) is logged by Chromium itself; that is the API answering, not the page breaking.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
      });
      const consolePage: ConsolePage = {
        page,
        origin,
        requests,
        pageErrors,
        async signInAs(user, purpose, caseId) {
          const tokenResponse = await fetch(`${origin}/auth/dev/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ dept: user.dept, jurisdiction: user.jurisdiction, role: user.role, sub: user.sub, name: user.name ?? `测试${user.dept}` }),
          });
          if (!tokenResponse.ok) throw new Error(`development sign-in refused: ${tokenResponse.status} ${await tokenResponse.text()}`);
          const { token } = (await tokenResponse.json()) as { token: string };
          const sessionResponse = await fetch(`${origin}/auth/session`, { headers: { authorization: `Bearer ${token}` } });
          if (!sessionResponse.ok) throw new Error(`session refused: ${sessionResponse.status}`);
          const info = await sessionResponse.json();
          // sessionStorage belongs to the origin: visit it first, then store the session as the console does.
          await page.goto(`${origin}/auth/config`);
          await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [SESSION_STORAGE_KEY, JSON.stringify({ token, info, purpose, caseId })] as const);
        },
        async open(path) {
          await page.goto(`${origin}${path}`);
          await page.waitForSelector('[data-testid="identity-bar"]');
        },
        async screenshot(name) {
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          const file = join(SCREENSHOT_DIR, `${name}.png`);
          await page.screenshot({ path: file, fullPage: false });
          return file;
        },
      };
      return consolePage;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Looks a person up on the person page and waits for the hub's answer about exactly that person. On a busy machine
 * the page can still be settling (its form re-rendered) when the number is typed, so the look-up is typed again,
 * up to three times, until the request for that person leaves.
 */
export async function lookUpPerson(p: ConsolePage, idNumber: string): Promise<void> {
  await p.open('/people');
  const input = p.page.getByLabel('身份证号码');
  for (let attempt = 1; ; attempt++) {
    const answered = p.page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(idNumber), { timeout: 30_000 });
    await input.fill(idNumber);
    await input.press('Enter');
    try {
      await answered;
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Requests that did not go to the gateway's origin (data: and blob: URLs are the page's own). */
export function foreignRequests(consolePage: ConsolePage): string[] {
  return consolePage.requests.filter((url) => !url.startsWith(`${consolePage.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
}
