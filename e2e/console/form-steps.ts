/**
 * The steps of the console's form tests (issue #14): a seeded district of the file's own with its hub and browser, a
 * page that keeps the GraphQL bodies it sent, waiting for what a write shows, choosing in a select, typing a day, and
 * the dates as the console writes them.
 */
import type { Purpose } from '@hub/access';
import { postGraphQL, seedOwnDistrict, startHub, userToken, type OwnDistrict, type RunningHub, type TestUser } from '@hub/testkit';
import type { Locator, Page } from 'playwright-core';
import { foreignRequests, lookUpPerson, openConsoleBrowser, type ConsoleBrowser, type ConsolePage } from './browser';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A console page whose GraphQL request bodies are kept, to tell which operations the page sent. */
export interface FormsPage extends ConsolePage {
  sent: string[];
}

/** A new page of `browser`, kept in `pages` (for the checks after each test), that records the GraphQL bodies it sends. */
export async function recordingPage(browser: ConsoleBrowser, pages: ConsolePage[]): Promise<FormsPage> {
  const opened = await browser.newPage();
  const sent: string[] = [];
  opened.page.on('request', (request) => {
    if (request.url().endsWith('/graphql')) sent.push(request.postData() ?? '');
  });
  pages.push(opened);
  return Object.assign(opened, { sent });
}

/** One row of a department's record_change, as the form tests read it by the record. */
export interface RecordChangeOfRecord {
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  changed_by: string;
  client_request_id: string;
}

/** One row of a department's record_change, as the form tests read it by the write that made it. */
export interface RecordChangeOfWrite {
  record_type: string;
  record_id: string;
  operation: string;
  changed_by: string;
}

/** A form test file's seeded district, hub and browser, with what its tests read and ask through them. */
export interface FormsDistrict {
  /** The seeded district (set once the file's first beforeAll has run). */
  readonly district: OwnDistrict;
  readonly hub: RunningHub;
  /** A recording page of the file's browser; every page opened is checked after each test. */
  newPage(): Promise<FormsPage>;
  /** One statement on a department's database of the district, its rows. */
  sql<T>(subgraph: string, text: string, values?: unknown[]): Promise<T[]>;
  /** A request through the gateway as `user` under `purpose` (and a case), which must answer without errors; its data. */
  api(user: TestUser, purpose: string, query: string, variables?: Record<string, unknown>, caseId?: string): Promise<any>;
  /** The changes a department recorded of one record, oldest first. */
  changesOf(subgraph: string, recordId: string): Promise<RecordChangeOfRecord[]>;
  /** The changes a department recorded under one client request id, by record. */
  changesBy(subgraph: string, clientRequestId: string): Promise<RecordChangeOfWrite[]>;
}

/**
 * The setup of a form test file whose writes change records other files count and list: it seeds a district of the
 * file's own (DB_PREFIX + "_" + `suffix`), starts a hub on it and opens a browser before the file's tests, closes and
 * drops them after, and after each test asserts that no page it opened broke or asked anything of another origin.
 * Call it once, at the top of the file; a beforeAll of the file registered after it runs with the hub started.
 */
export function formsDistrict(suffix: string): FormsDistrict {
  let district: OwnDistrict;
  let hub: RunningHub;
  let browser: ConsoleBrowser;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    district = await seedOwnDistrict(suffix);
    hub = await startHub({ env: { DB_PREFIX: district.prefix } });
    browser = await openConsoleBrowser(hub);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await district?.drop();
  });

  afterEach(() => {
    for (const opened of pages) {
      expect(opened.pageErrors).toEqual([]);
      expect(foreignRequests(opened)).toEqual([]);
    }
  });

  const sql = <T>(subgraph: string, text: string, values: unknown[] = []): Promise<T[]> => district.query<T>(subgraph, text, values);
  return {
    get district() {
      return district;
    },
    get hub() {
      return hub;
    },
    newPage: () => recordingPage(browser, pages),
    sql,
    async api(user, purpose, query, variables = {}, caseId) {
      const headers: Record<string, string> = { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose };
      if (caseId) headers['x-case-id'] = caseId;
      const response = await postGraphQL(hub.gatewayUrl, query, variables, headers);
      expect(response.errors).toBeUndefined();
      return response.data;
    },
    changesOf: (subgraph, recordId) =>
      sql<RecordChangeOfRecord>(subgraph, 'select operation, before, after, changed_by, client_request_id from record_change where record_id = $1 order by id', [recordId]),
    changesBy: (subgraph, clientRequestId) =>
      sql<RecordChangeOfWrite>(subgraph, 'select record_type, record_id, operation, changed_by from record_change where client_request_id = $1 order by record_type, record_id', [clientRequestId]),
  };
}

/**
 * A page for each of two officers on one record: each signed in for `purpose` (under `caseId`, when given) and brought
 * to the record by `open`, which returns once the page offers the write. For two writes on the version both pages saw.
 */
export async function onTwoPages(
  newPage: () => Promise<FormsPage>,
  officers: [TestUser, TestUser],
  purpose: Purpose,
  open: (p: FormsPage) => Promise<void>,
  caseId?: string,
): Promise<[FormsPage, FormsPage]> {
  const pages: [FormsPage, FormsPage] = [await newPage(), await newPage()];
  for (const [i, p] of pages.entries()) {
    await p.signInAs(officers[i], purpose, caseId);
    await open(p);
  }
  return pages;
}

/** Two population officers on one person, its 户籍登记 actions offered (onTwoPages). */
export const personOnTwoPages = (newPage: () => Promise<FormsPage>, officers: [TestUser, TestUser], idNumber: string) =>
  onTwoPages(newPage, officers, 'POPULATION_ADMINISTRATION', async (p) => {
    await lookUpPerson(p, idNumber);
    await p.page.getByTestId('registration-actions').waitFor();
  });

/**
 * Opens a tab by its name and waits until it is the selected one: a click while the tabs still render was lost under
 * load (a CI run read the default tab's list and waited in vain for the row of another), so it is clicked again until
 * it takes.
 */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await eventually(
    async () => {
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      return tab.getAttribute('aria-selected');
    },
    (selected) => expect(selected).toBe('true'),
  );
}

/** Waits until `read` gives what `check` accepts (the page answers asynchronously), then asserts it once more. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** Waits for an element the page shows after a write; when it does not come, fails with what the page shows instead and the writes it sent. */
export async function shown(p: FormsPage, testId: string) {
  const element = p.page.getByTestId(testId);
  await element.waitFor().catch(async (error: unknown) => {
    const writes = p.sent.filter((body) => body.includes('mutation'));
    throw new Error(`${String(error)}\nthe page shows: ${await p.page.locator('body').innerText()}\nit sent: ${writes.join('\n')}`);
  });
  return element;
}

/** A button's name: antd writes a space between the two characters of a two-character label ("注 销"), and an icon's name comes first. */
export const button = (label: string) => new RegExp(`^(?:[a-z-]+ )?\\s*${[...label].join('\\s*')}\\s*$`);

/**
 * Waits for the page's animations and transitions to end (a dialog zooming in, a table fading back in after loading),
 * so that a click or a screenshot meets what a reader sees; a spinner's endless turn is not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
}

/** The open dialog, once it has finished opening. */
export async function dialog(page: Page) {
  const open = page.locator('.ant-modal-wrap:visible');
  await open.waitFor();
  await settled(page);
  return open;
}

/** Chooses an option of a select (`within` a dialog, when the page behind has a select of that name); a searchable one's long list (a grid's dwellings) is narrowed by typing the option first. */
export async function choose(page: Page, label: string, option: string, { search = false, within }: { search?: boolean; within?: Locator } = {}): Promise<void> {
  const box = (within ?? page).getByRole('combobox', { name: label });
  await box.click();
  if (search) await box.fill(option);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const item = dropdown.getByTitle(option, { exact: true }).first();
  await item.waitFor();
  // The list slides in and, for a searched one, re-renders as its answer arrives: a click during either can land on
  // nothing (under load, two local runs in three lost it), so the click waits for the list to stand still.
  await settled(page);
  await item.click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** Types a day into a date picker (the forms' pickers read YYYY-MM-DD). */
export async function pickDay(page: Page, label: string, day: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

export const chineseDate = (day: string) => `${day.slice(0, 4)}年${day.slice(5, 7)}月${day.slice(8, 10)}日`;
export const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
export const operationsSent = (p: FormsPage, operation: string) => p.sent.filter((body) => body.includes(operation)).length;

/** Types into a searchable select and chooses the one option it leaves that contains `text` (a code, a 户号, an address). */
export async function chooseContaining(page: Page, label: string, text: string, { within }: { within?: Locator } = {}): Promise<void> {
  const box = (within ?? page).getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(text);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const item = dropdown.locator('.ant-select-item-option', { hasText: text }).first();
  await item.waitFor();
  await settled(page);
  await item.click();
  await dropdown.waitFor({ state: 'hidden' });
}
