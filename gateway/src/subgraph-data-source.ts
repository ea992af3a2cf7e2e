import { randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode, INTERNAL_TOKEN_HEADER } from '@hub/access';
import { departmentOf } from '@hub/topology';
import type { GatewayContext } from './auth';
import { log } from './logger';
import { subgraphFetchDuration, subgraphFetchErrors } from './metrics';
import { CircuitBreaker } from './resilience/circuit-breaker';
import { SubgraphFetchError, createSubgraphFetcher, type FetchBudget } from './resilience/subgraph-fetcher';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

const STATUS_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

export interface ResilienceOptions extends FetchBudget {
  /** Consecutive failed fetches that open a subgraph's breaker. */
  breakerThreshold: number;
  /** How long an open breaker short-circuits before one trial fetch. */
  breakerCooldownMs: number;
}

function firstGraphQLError(body: unknown): { message: string; code?: string } | undefined {
  const errors = (body as { errors?: unknown })?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { message?: unknown; extensions?: { code?: unknown } };
  if (typeof first?.message !== 'string') return undefined;
  return { message: first.message, code: typeof first.extensions?.code === 'string' ? first.extensions.code : undefined };
}

const REASONS: Record<SubgraphFetchError['reason'], string> = {
  timeout: 'did not answer within its time budget',
  connection: 'could not be reached',
  circuit_open: 'is failing repeatedly and is skipped for a moment',
};

/**
 * The request a fetch belongs to. Apollo serialises the body after willSendRequest, so the token bound to that
 * body is signed in the fetcher, per attempt: willSendRequest leaves a reference to the request's context in a
 * header, which the fetcher takes off before sending. (An AsyncLocalStorage would carry it too, but on Node 20 it
 * has every promise of the process pay for context tracking.)
 */
const SIGNING_REFERENCE_HEADER = 'x-gridhub-signing-reference';
const signingContexts = new Map<string, Partial<GatewayContext>>();
const referenceOfFetch = new WeakMap<object, string>();

/**
 * One subgraph as the query planner calls it: every fetch carries its own internal token (for this subgraph, bound
 * to the body sent, once) and the request's id and
 * goes through the subgraph's own keep-alive agent, time budget, retry and circuit breaker. When the subgraph
 * gives no answer, its part of the response is null with SUBGRAPH_UNAVAILABLE naming the department; every
 * other department's data is still returned. The subgraph's URL is never echoed to the caller.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker: CircuitBreaker;
  private readonly destroyFetcher: () => void;

  constructor(
    readonly subgraphName: string,
    url: string,
    resilience: ResilienceOptions,
  ) {
    const breaker = new CircuitBreaker(resilience.breakerThreshold, resilience.breakerCooldownMs);
    const { fetcher, destroy } = createSubgraphFetcher(
      resilience,
      breaker,
      (outcome, seconds) => {
        if (outcome !== 'circuit_open') subgraphFetchDuration.observe({ subgraph: subgraphName, outcome }, seconds);
        if (outcome !== 'ok' && outcome !== 'http_4xx') subgraphFetchErrors.inc({ subgraph: subgraphName, reason: outcome });
      },
      async (body, headers): Promise<Record<string, string>> => {
        const { [SIGNING_REFERENCE_HEADER]: reference, ...sent } = headers;
        const context = reference ? signingContexts.get(reference) : undefined;
        return context?.internalTokenFor ? { ...sent, [INTERNAL_TOKEN_HEADER]: await context.internalTokenFor(subgraphName, body) } : sent;
      },
    );
    super({ url, fetcher });
    this.breaker = breaker;
    this.destroyFetcher = destroy;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } finally {
      const reference = referenceOfFetch.get(options);
      if (reference) signingContexts.delete(reference);
    }
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const context = options.context as Partial<GatewayContext>;
    const headers = options.request.http?.headers;
    if (!headers) return;
    const reference = randomUUID();
    signingContexts.set(reference, context);
    referenceOfFetch.set(options, reference);
    headers.set(SIGNING_REFERENCE_HEADER, reference);
    if (context.requestId) headers.set('x-request-id', context.requestId);
  }

  /** No HTTP answer at all (refused, reset, timed out, breaker open): say which department, not its URL. */
  override didEncounterError(error: Error, fetchRequest: Parameters<RemoteGraphQLDataSource['didEncounterError']>[1], fetchResponse?: FetcherResponse): void {
    if (fetchResponse || error instanceof GraphQLError) throw error;
    const reason = error instanceof SubgraphFetchError ? error.reason : 'connection';
    const requestId = fetchRequest.headers.get('x-request-id') ?? undefined;
    log.warn({ subgraph: this.subgraphName, reason, requestId, error: error.message, breaker: this.breaker.state }, 'subgraph unavailable');
    const department = departmentOf(this.subgraphName);
    throw new GraphQLError(
      `The ${department} department (${this.subgraphName} subgraph) ${REASONS[reason as SubgraphFetchError['reason']] ?? REASONS.connection}; its fields are null, the other departments answered`,
      {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, department, serviceName: this.subgraphName, reason },
      },
    );
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      body = undefined;
    }
    const reported = firstGraphQLError(body);
    const code = reported?.code ?? STATUS_CODES[response.status] ?? (response.status >= 500 ? ErrorCode.SUBGRAPH_UNAVAILABLE : 'SUBGRAPH_ERROR');
    const message = reported?.message ?? `${this.subgraphName} answered HTTP ${response.status} ${response.statusText}`.trim();
    return new GraphQLError(message, { extensions: { code, department: departmentOf(this.subgraphName), serviceName: this.subgraphName, status: response.status } });
  }

  /** Closes the kept-alive sockets when the gateway stops. */
  close(): void {
    this.destroyFetcher();
  }
}
