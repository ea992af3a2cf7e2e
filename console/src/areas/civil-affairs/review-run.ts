/**
 * 年度复核 in the browser, as `npm run review` does it on the command line (packages/review): the applications in
 * chunks, two chunks in flight, one retry per failed chunk, every application a line of the report — a chunk that
 * fails twice is reported per application, never dropped.
 */

/**
 * Most applications one `subsistenceChecks` request may name: mirrors @hub/access MAX_BATCH_REVIEW_APPLICATIONS
 * (the gateway refuses more, because each application's household travels in the request's signed token).
 */
export const MAX_BATCH_REVIEW_APPLICATIONS = 250;
/** Chunks in flight at once (npm run review's default --concurrency). */
export const CHUNKS_IN_FLIGHT = 2;

/** What one check of a chunk answers (the fields npm run review reads). */
export interface ChunkCheck {
  id: string;
  application?: { id: string } | null;
  eligible: boolean;
  reasons: string[];
  memberCount: number;
  perCapitaMonthlyIncome: number;
  standardMonthly: number;
  ownedDwellingCount: number;
  nonExemptVehicleCount: number;
  ruleVersion: string;
  checkedAt: string;
}

/** One application's line of the report: the same fields, in the same order, as packages/review's ReviewRow. */
export interface ReviewRow {
  applicationId: string;
  outcome: 'CHECKED' | 'NOT_CHECKED' | 'ERROR';
  eligible: boolean | null;
  reasons: string[];
  memberCount: number | null;
  perCapitaMonthlyIncome: number | null;
  standardMonthly: number | null;
  ownedDwellingCount: number | null;
  nonExemptVehicleCount: number | null;
  ruleVersion: string | null;
  checkedAt: string | null;
  reportId: string | null;
  error: string | null;
}

/**
 * The CSV's columns and bilingual headers: packages/review/src/report.ts REPORT_COLUMNS, copied (that package writes
 * files with node:fs and cannot be bundled for the browser). e2e/console/civil-affairs.test.ts checks they agree.
 */
export const REPORT_COLUMNS: Array<[keyof ReviewRow, string]> = [
  ['applicationId', '申请编号 application'],
  ['outcome', '核对状态 outcome'],
  ['eligible', '是否符合 eligible'],
  ['reasons', '原因 reasons'],
  ['memberCount', '共同生活人数 members'],
  ['perCapitaMonthlyIncome', '人均月收入 per-capita income'],
  ['standardMonthly', '低保标准 standard'],
  ['ownedDwellingCount', '房产套数 dwellings'],
  ['nonExemptVehicleCount', '非豁免车辆 vehicles'],
  ['ruleVersion', '规则版本 rules'],
  ['checkedAt', '核对时间 checked at'],
  ['reportId', '核对报告 report'],
  ['error', '错误 error'],
];

/** As npm run review: a case that is not open is NOT_CHECKED (reasons [CASE_NOT_OPEN]), its figures empty. */
export function rowOf(applicationId: string, check: ChunkCheck): ReviewRow {
  const notRun = check.reasons.includes('CASE_NOT_OPEN');
  return {
    applicationId,
    outcome: notRun ? 'NOT_CHECKED' : 'CHECKED',
    eligible: notRun ? null : check.eligible,
    reasons: check.reasons,
    memberCount: notRun ? null : check.memberCount,
    perCapitaMonthlyIncome: notRun ? null : check.perCapitaMonthlyIncome,
    standardMonthly: notRun ? null : check.standardMonthly,
    ownedDwellingCount: notRun ? null : check.ownedDwellingCount,
    nonExemptVehicleCount: notRun ? null : check.nonExemptVehicleCount,
    ruleVersion: notRun ? null : check.ruleVersion,
    checkedAt: check.checkedAt,
    reportId: notRun ? null : check.id,
    error: null,
  };
}

export function errorRow(applicationId: string, error: string): ReviewRow {
  return {
    applicationId,
    outcome: 'ERROR',
    eligible: null,
    reasons: [],
    memberCount: null,
    perCapitaMonthlyIncome: null,
    standardMonthly: null,
    ownedDwellingCount: null,
    nonExemptVehicleCount: null,
    ruleVersion: null,
    checkedAt: null,
    reportId: null,
    error,
  };
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as npm run review writes it: UTF-8 BOM (a spreadsheet then reads the Chinese headers), CRLF lines. */
export function reviewCsv(rows: readonly ReviewRow[]): string {
  const lines = [REPORT_COLUMNS.map(([, header]) => csvCell(header)).join(','), ...rows.map((row) => REPORT_COLUMNS.map(([key]) => csvCell(row[key])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface ReviewCounts {
  total: number;
  done: number;
  eligible: number;
  ineligible: number;
  /** Not checked (the case is not open) or failed twice, or left when the review was cancelled. */
  unchecked: number;
}

export function countRows(rows: readonly ReviewRow[], total: number): ReviewCounts {
  let eligible = 0;
  let ineligible = 0;
  for (const row of rows) {
    if (row.outcome !== 'CHECKED') continue;
    if (row.eligible) eligible++;
    else ineligible++;
  }
  return { total, done: rows.length, eligible, ineligible, unchecked: rows.length - eligible - ineligible };
}

export const CANCELLED = '已取消，未核对 (cancelled before this chunk was sent)';

/**
 * Runs the chunks: `check` asks the hub for one chunk (throws when the request fails); a failed chunk is tried once
 * more, then reported per application. `onRows` receives each chunk's rows as it finishes. After `cancelled()` turns
 * true no chunk starts; the ones not sent are reported as cancelled.
 */
export async function runReview(options: {
  ids: readonly string[];
  check: (ids: string[]) => Promise<ChunkCheck[]>;
  onRows: (rows: ReviewRow[]) => void;
  cancelled: () => boolean;
  chunkSize?: number;
  concurrency?: number;
  describe?: (error: unknown) => string;
}): Promise<void> {
  const chunkSize = Math.min(options.chunkSize ?? MAX_BATCH_REVIEW_APPLICATIONS, MAX_BATCH_REVIEW_APPLICATIONS);
  const describe = options.describe ?? ((error: unknown) => String((error as Error)?.message ?? error));
  const chunks: string[][] = [];
  for (let i = 0; i < options.ids.length; i += chunkSize) chunks.push(options.ids.slice(i, i + chunkSize));
  let next = 0;
  const reviewChunk = async (ids: string[]): Promise<ReviewRow[]> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const checks = await options.check(ids);
        if (checks.length !== ids.length) throw new Error(`the hub answered ${checks.length} checks for ${ids.length} applications`);
        return checks.map((check, index) => rowOf(ids[index], check));
      } catch (error) {
        if (attempt < 2 && !options.cancelled()) continue;
        return ids.map((id) => errorRow(id, describe(error)));
      }
    }
  };
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      options.onRows(options.cancelled() ? chunk.map((id) => errorRow(id, CANCELLED)) : await reviewChunk(chunk));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? CHUNKS_IN_FLIGHT, chunks.length) }, worker));
}
