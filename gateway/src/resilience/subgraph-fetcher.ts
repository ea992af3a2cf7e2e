import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { handleWhen, retry } from 'cockatiel';
import nodeFetch, { type RequestInit } from 'node-fetch';
import type { CircuitBreaker } from './circuit-breaker';

export interface FetchBudget {
  /** Time budget of one attempt, headers and body included. */
  timeoutMs: number;
  /** Sockets per subgraph: a slow department cannot take every socket of the gateway. */
  maxSockets: number;
}

/** Why a fetch produced no answer; the data source turns it into SUBGRAPH_UNAVAILABLE. */
export class SubgraphFetchError extends Error {
  constructor(
    readonly reason: 'timeout' | 'connection' | 'circuit_open',
    message: string,
  ) {
    super(message);
    this.name = 'SubgraphFetchError';
  }
}

/** Only a query is safe to send twice; the gateway prints subgraph operations with their keyword first. */
export function isRetryableOperation(body: FetcherRequestInit['body']): boolean {
  const text = typeof body === 'string' ? body : body?.toString('utf8');
  if (!text) return false;
  try {
    const query = (JSON.parse(text) as { query?: unknown }).query;
    return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
  } catch {
    return false;
  }
}

/** A query is sent once more, at once, after a connection error or a 5xx; a timeout has used the budget up. */
const retryQueryOnce = retry(
  handleWhen((error) => error instanceof SubgraphFetchError && error.reason === 'connection').orWhenResult((response) => (response as FetcherResponse).status >= 500),
  { maxAttempts: 1 },
);

export type AttemptOutcome = 'ok' | 'http_4xx' | 'http_5xx' | 'timeout' | 'connection' | 'circuit_open';

/**
 * A keep-alive fetcher for one subgraph: a socket limit, a time budget per attempt, one retry of a query
 * after a connection error or a 5xx (a restarted subgraph's first socket is often a stale one), and a
 * circuit breaker. Mutations are never retried: the first attempt may have written. A final 5xx is
 * returned, not thrown, so the caller still sees the subgraph's own error code (e.g. AUDIT_UNAVAILABLE).
 */
export function createSubgraphFetcher(budget: FetchBudget, breaker: CircuitBreaker, onAttempt?: (outcome: AttemptOutcome, seconds: number) => void): { fetcher: Fetcher; destroy(): void } {
  const options = { keepAlive: true, maxSockets: budget.maxSockets, maxFreeSockets: Math.min(budget.maxSockets, 16) };
  const httpAgent = new HttpAgent(options);
  const httpsAgent = new HttpsAgent(options);

  async function attempt(url: string, init: FetcherRequestInit): Promise<FetcherResponse> {
    const started = performance.now();
    const signal = AbortSignal.timeout(budget.timeoutMs);
    const elapsed = () => (performance.now() - started) / 1000;
    try {
      const response = await nodeFetch(url, { ...(init as RequestInit), signal: signal as RequestInit['signal'], agent: (u) => (u.protocol === 'https:' ? httpsAgent : httpAgent) });
      // Read the body inside the budget, so a subgraph that stalls mid-answer is cut off too.
      const text = await response.text();
      onAttempt?.(response.status >= 500 ? 'http_5xx' : response.status >= 400 ? 'http_4xx' : 'ok', elapsed());
      return new nodeFetch.Response(text, { status: response.status, statusText: response.statusText, headers: response.headers, url: response.url }) as unknown as FetcherResponse;
    } catch (error) {
      if (signal.aborted) {
        onAttempt?.('timeout', elapsed());
        throw new SubgraphFetchError('timeout', `no answer within ${budget.timeoutMs} ms`);
      }
      onAttempt?.('connection', elapsed());
      throw new SubgraphFetchError('connection', (error as Error).message);
    }
  }

  async function attemptWithRetry(url: string, init: FetcherRequestInit): Promise<FetcherResponse> {
    if (!isRetryableOperation(init.body)) return attempt(url, init);
    return retryQueryOnce.execute(() => attempt(url, init));
  }

  const fetcher: Fetcher = async (url, init = {}) => {
    if (!breaker.tryAcquire()) {
      onAttempt?.('circuit_open', 0);
      throw new SubgraphFetchError('circuit_open', `circuit open after repeated failures; next try in ${Math.ceil(breaker.retryAfterMs() / 1000)} s`);
    }
    try {
      const response = await attemptWithRetry(url, init);
      if (response.status >= 500) breaker.failed();
      else breaker.succeeded();
      return response;
    } catch (error) {
      breaker.failed();
      throw error;
    }
  };
  return {
    fetcher,
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
