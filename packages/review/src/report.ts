import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

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

export interface ReviewSummary {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  applications: number;
  checked: number;
  eligible: number;
  ineligible: number;
  notChecked: number;
  errors: number;
  /** Ineligible households per reason (a household may have several). */
  reasons: Record<string, number>;
  applicationsPerSecond: number;
}

/** The report's columns and their bilingual headers (the console's 年度复核 writes the same CSV in the browser). */
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

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes the report as the review goes: CSV rows are appended as each chunk finishes (nothing is lost if the
 * run stops), the JSON with the summary is written at the end. The CSV starts with a UTF-8 BOM so that a
 * spreadsheet opens the Chinese headers correctly.
 */
export class ReviewReport {
  readonly csvPath: string;
  readonly jsonPath: string;
  private readonly csv: WriteStream;
  private readonly rows: ReviewRow[] = [];

  constructor(directory: string, stamp: string) {
    mkdirSync(directory, { recursive: true });
    this.csvPath = join(directory, `subsistence-review-${stamp}.csv`);
    this.jsonPath = join(directory, `subsistence-review-${stamp}.json`);
    this.csv = createWriteStream(this.csvPath, { encoding: 'utf8' });
    this.csv.write(`\uFEFF${REPORT_COLUMNS.map(([, header]) => csvCell(header)).join(',')}\r\n`);
  }

  add(rows: ReviewRow[]): void {
    this.rows.push(...rows);
    this.csv.write(rows.map((row) => REPORT_COLUMNS.map(([key]) => csvCell(row[key])).join(',')).join('\r\n') + '\r\n');
  }

  async finish(startedAt: Date): Promise<ReviewSummary> {
    const finishedAt = new Date();
    const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
    const reasons: Record<string, number> = {};
    for (const row of this.rows) if (row.outcome === 'CHECKED' && !row.eligible) for (const reason of row.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
    const count = (predicate: (row: ReviewRow) => boolean) => this.rows.filter(predicate).length;
    const summary: ReviewSummary = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      seconds: Math.round(seconds * 100) / 100,
      applications: this.rows.length,
      checked: count((r) => r.outcome === 'CHECKED'),
      eligible: count((r) => r.outcome === 'CHECKED' && r.eligible === true),
      ineligible: count((r) => r.outcome === 'CHECKED' && r.eligible === false),
      notChecked: count((r) => r.outcome === 'NOT_CHECKED'),
      errors: count((r) => r.outcome === 'ERROR'),
      reasons,
      applicationsPerSecond: seconds > 0 ? Math.round(this.rows.length / seconds) : this.rows.length,
    };
    await new Promise<void>((resolve, reject) => this.csv.end((error?: Error | null) => (error ? reject(error) : resolve())));
    writeFileSync(this.jsonPath, `${JSON.stringify({ summary, rows: this.rows }, null, 2)}\n`);
    return summary;
  }
}
