/**
 * 年度复核 in the browser, as `npm run review` does it on the command line (packages/review): the applications in
 * chunks, two chunks in flight, one retry per failed chunk, every application a line of the report — a chunk that
 * fails twice is reported per application, never dropped. The rows and the CSV are npm run review's own code.
 */
import { csvHeader, csvLines, errorRow, rowOf, type CheckResult, type ReviewRow } from '../../../../packages/review/src/review-rows';

export type { ReviewRow };
/** What one check of a chunk answers. */
export type ChunkCheck = CheckResult;

/** The report as npm run review writes it: UTF-8 BOM, bilingual headers, CRLF lines. */
export function reviewCsv(rows: readonly ReviewRow[]): string {
  return csvHeader() + csvLines(rows);
}

/**
 * Most applications one `subsistenceChecks` request may name: mirrors @hub/access MAX_BATCH_REVIEW_APPLICATIONS
 * (the gateway refuses more, because each application's household travels in the request's signed token).
 */
export const MAX_BATCH_REVIEW_APPLICATIONS = 250;
/** Chunks in flight at once (npm run review's default --concurrency). */
export const CHUNKS_IN_FLIGHT = 2;

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
