import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { csvHeader, csvLines, type ReviewRow } from './review-rows';

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
    this.csv.write(csvHeader());
  }

  add(rows: ReviewRow[]): void {
    this.rows.push(...rows);
    this.csv.write(csvLines(rows));
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
