import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { handleWhen, retry } from 'cockatiel';
import { Pool, type Dispatcher } from 'undici';
import { sendTraced } from '@hub/tracing';
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

/** The request body as the text it is sent as. */
function bodyText(body: FetcherRequestInit['body']): string {
  return typeof body === 'string' ? body : (body?.toString('utf8') ?? '');
}

/** How the gateway's data source serialises a subgraph request: the operation's text comes first. */
const QUERY_FIRST = /^\{"query":"\s*(query\b|\{)|^\{"query":"\s*(mutation|subscription)\b/;

/**
 * Only a query is safe to send twice; the gateway prints subgraph operations with their keyword first. The
 * body's first bytes usually say which (the representations that follow can be large: no need to parse them).
 */
export function isRetryableOperation(body: FetcherRequestInit['body']): boolean {
  const text = bodyText(body);
  if (!text) return false;
  const leading = QUERY_FIRST.exec(text);
  if (leading) return leading[1] !== undefined;
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

/** How long an idle keep-alive socket to a subgraph is kept for the next fetch. */
const IDLE_SOCKET_MS = 10_000;

export type AttemptOutcome = 'ok' | 'http_4xx' | 'http_5xx' | 'timeout' | 'connection' | 'circuit_open';

/** A subgraph's answer, read whole inside the attempt's time budget; what Apollo's data source reads of a fetch response. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly statusText: string;
  readonly headers: FetcherResponse['headers'];
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.statusText = STATUS_CODES[status] ?? '';
    const list = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const one of value) list.append(name, one);
      else if (value !== undefined) list.append(name, value);
    }
    this.headers = list as unknown as FetcherResponse['headers'];
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text(), 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, Object.fromEntries(this.headers), this.body);
  }
}

/**
 * A keep-alive fetcher for one subgraph (an undici connection pool per origin: it costs the gateway far less CPU a
 * fetch than node-fetch over node:http's agent, issue #11): a socket limit, a time budget per attempt, one retry of a query
 * after a connection error or a 5xx (a restarted subgraph's first socket is often a stale one), and a
 * circuit breaker. Mutations are never retried: the first attempt may have written. A final 5xx is
 * returned, not thrown, so the caller still sees the subgraph's own error code (e.g. AUDIT_UNAVAILABLE).
 */
export function createSubgraphFetcher(
  budget: FetchBudget,
  breaker: CircuitBreaker,
  onAttempt?: (outcome: AttemptOutcome, seconds: number) => void,
  /**
   * The headers one attempt sends, given the exact body and the data source's headers: the internal token signed
   * over that body (each attempt its own, as a subgraph refuses a token twice).
   */
  authorize?: (body: string, headers: Record<string, string>) => Promise<Record<string, string>>,
): { fetcher: Fetcher; destroy(): void } {
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) {
      // Idle sockets are let go long before the subgraph's front door would close them (65 s): a mutation sent on a
      // socket the server is closing fails and is never retried, so the two must never race.
      pool = new Pool(origin, { connections: budget.maxSockets, pipelining: 1, keepAliveTimeout: IDLE_SOCKET_MS, keepAliveMaxTimeout: IDLE_SOCKET_MS });
      pools.set(origin, pool);
    }
    return pool;
  };

  async function attempt(url: string, init: FetcherRequestInit): Promise<FetcherResponse> {
    const headers = authorize ? await authorize(bodyText(init.body), { ...(init.headers as Record<string, string> | undefined) }) : init.headers;
    const started = performance.now();
    // Cleared as soon as the attempt ends: AbortSignal.timeout's timer held the signal, and through undici's listener
    // the request, for the whole budget, long after the answer, and so into the old generation (bench/README.md).
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), budget.timeoutMs);
    const signal = controller.signal;
    const elapsed = () => (performance.now() - started) / 1000;
    try {
      const target = new URL(url);
      const method = (init.method ?? 'GET') as Dispatcher.HttpMethod;
      // Traced here rather than by the undici instrumentation: the pool may create a request only once a socket is free.
      const answer = await sendTraced(method, target, async (traceHeaders) => {
        const response = await poolFor(target.origin).request({ path: `${target.pathname}${target.search}`, method, headers: { ...headers, ...traceHeaders }, body: init.body, signal });
        // Read the body inside the budget, so a subgraph that stalls mid-answer is cut off too.
        return { statusCode: response.statusCode, headers: response.headers, text: await response.body.text() };
      });
      onAttempt?.(answer.statusCode >= 500 ? 'http_5xx' : answer.statusCode >= 400 ? 'http_4xx' : 'ok', elapsed());
      return new BufferedResponse(url, answer.statusCode, answer.headers, answer.text);
    } catch (error) {
      if (signal.aborted) {
        onAttempt?.('timeout', elapsed());
        throw new SubgraphFetchError('timeout', `no answer within ${budget.timeoutMs} ms`);
      }
      onAttempt?.('connection', elapsed());
      throw new SubgraphFetchError('connection', (error as Error).message);
    } finally {
      clearTimeout(deadline);
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
      for (const pool of pools.values()) void pool.destroy();
      pools.clear();
    },
  };
}
