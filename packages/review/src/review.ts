import { MAX_BATCH_REVIEW_APPLICATIONS } from '@hub/access';
import { GatewayError, type GatewayClient } from './gateway-client';
import { ReviewReport, type ReviewSummary } from './report';
import { errorRow, rowOf, type CheckResult, type ReviewRow } from './review-rows';

/** The gateway's limit per request (each application is its own case; their households travel in the internal token). */
export const MAX_CHUNK = MAX_BATCH_REVIEW_APPLICATIONS;

const LIST = `query Applications($status: String, $first: Int, $after: String) {
  assistanceApplications(status: $status, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}`;

const CHECKS = `query Review($ids: [ID!]!) {
  subsistenceChecks(applicationIds: $ids) {
    id application { id } eligible reasons memberCount perCapitaMonthlyIncome standardMonthly ownedDwellingCount nonExemptVehicleCount ruleVersion checkedAt
  }
}`;

export interface ReviewProgress {
  done: number;
  total: number;
  errors: number;
  elapsedSeconds: number;
}

export interface ReviewOptions {
  client: GatewayClient;
  /** The applications to review; when absent, every application of `status` in the caller's jurisdiction. */
  applicationIds?: string[];
  status?: string;
  chunkSize?: number;
  /** Chunks in flight at once. */
  concurrency?: number;
  outDirectory: string;
  onProgress?: (progress: ReviewProgress) => void;
}

/** Every application id of a status in the caller's jurisdiction, page by page. */
export async function listApplications(client: GatewayClient, status: string | undefined): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await client.query<{ assistanceApplications: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(LIST, { status, first: 500, after });
    ids.push(...page.assistanceApplications.nodes.map((node) => node.id));
    if (!page.assistanceApplications.pageInfo.hasNextPage || !page.assistanceApplications.pageInfo.endCursor) return ids;
    after = page.assistanceApplications.pageInfo.endCursor;
  }
}

/** One chunk, retried once when the failure may pass (a department briefly down); a lasting failure becomes error rows, not a stop. */
async function reviewChunk(client: GatewayClient, ids: string[]): Promise<ReviewRow[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const data = await client.query<{ subsistenceChecks: CheckResult[] }>(CHECKS, { ids });
      return data.subsistenceChecks.map((check, index) => rowOf(ids[index], check));
    } catch (error) {
      const retryable = error instanceof GatewayError && error.retryable;
      if (attempt < 2 && retryable) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      return ids.map((id) => errorRow(id, (error as Error).message));
    }
  }
}

/**
 * The annual 复核: every application checked through the gateway in chunks (a fixed number of federated round
 * trips per chunk, whatever its size), a few chunks in flight, the report written as chunks finish.
 */
export async function runReview(options: ReviewOptions): Promise<{ summary: ReviewSummary; csvPath: string; jsonPath: string }> {
  const startedAt = new Date();
  const chunkSize = options.chunkSize ?? MAX_CHUNK;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK) throw new Error(`--chunk must be between 1 and ${MAX_CHUNK}`);
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new Error('--concurrency must be between 1 and 16');
  const ids = [...new Set(options.applicationIds ?? (await listApplications(options.client, options.status)))];
  const report = new ReviewReport(options.outDirectory, startedAt.toISOString().replace(/[:.]/g, '-'));
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += chunkSize) chunks.push(ids.slice(i, i + chunkSize));
  let next = 0;
  let done = 0;
  let errors = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const rows = await reviewChunk(options.client, chunk);
      report.add(rows);
      done += rows.length;
      errors += rows.filter((row) => row.outcome === 'ERROR').length;
      options.onProgress?.({ done, total: ids.length, errors, elapsedSeconds: (Date.now() - startedAt.getTime()) / 1000 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  const summary = await report.finish(startedAt);
  return { summary, csvPath: report.csvPath, jsonPath: report.jsonPath };
}
