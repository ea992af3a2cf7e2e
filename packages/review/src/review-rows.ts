/**
 * One application's line of the 复核 report and the report's CSV: plain data and functions, no Node APIs, so that
 * `npm run review` (report.ts) and the console's 年度复核 in the browser write the same file from the same code.
 */

/** What one check answers (the fields of `subsistenceChecks` the report reads). */
export interface CheckResult {
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

/** One application's line of the review report. */
export interface ReviewRow {
  applicationId: string;
  /** CHECKED, NOT_CHECKED (the case is not open) or ERROR (the chunk failed twice; `error` says why). */
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

/** The report's columns and their bilingual headers. */
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

/** A case that is not open is NOT_CHECKED (reasons [CASE_NOT_OPEN]), its figures empty. */
export function rowOf(applicationId: string, check: CheckResult): ReviewRow {
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

/** An application whose chunk failed for good: reported with the reason, never dropped. */
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

/** The CSV's first line, after a UTF-8 BOM (a spreadsheet then reads the Chinese headers), with its CRLF. */
export function csvHeader(): string {
  return `\uFEFF${REPORT_COLUMNS.map(([, header]) => csvCell(header)).join(',')}\r\n`;
}

/** Rows as CSV lines, each with its CRLF. */
export function csvLines(rows: readonly ReviewRow[]): string {
  return rows.map((row) => `${REPORT_COLUMNS.map(([key]) => csvCell(row[key])).join(',')}\r\n`).join('');
}
