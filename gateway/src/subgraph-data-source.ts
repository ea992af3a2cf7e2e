import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { INTERNAL_TOKEN_HEADER } from '@hub/access';
import type { GatewayContext } from './auth';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

const STATUS_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

function firstGraphQLError(body: unknown): { message: string; code?: string } | undefined {
  const errors = (body as { errors?: unknown })?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { message?: unknown; extensions?: { code?: unknown } };
  if (typeof first?.message !== 'string') return undefined;
  return { message: first.message, code: typeof first.extensions?.code === 'string' ? first.extensions.code : undefined };
}

/**
 * One subgraph as the query planner calls it: every fetch carries the request's internal token and id.
 * A subgraph that refuses a whole request (HTTP 4xx/5xx with a GraphQL error body) keeps its message and
 * contract code instead of Apollo's generic "401: Unauthorized"; the subgraph's URL is never echoed to the caller.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(readonly subgraphName: string, url: string) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const context = options.context as Partial<GatewayContext>;
    const headers = options.request.http?.headers;
    if (!headers) return;
    if (context.internalToken) headers.set(INTERNAL_TOKEN_HEADER, context.internalToken);
    if (context.requestId) headers.set('x-request-id', context.requestId);
  }

  /** No HTTP answer at all (refused, reset, DNS): say which department is down, not its internal URL. */
  override didEncounterError(error: Error, fetchRequest: Parameters<RemoteGraphQLDataSource['didEncounterError']>[1], fetchResponse?: FetcherResponse): void {
    if (fetchResponse || error instanceof GraphQLError) throw error;
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'subgraph unreachable', subgraph: this.subgraphName, url: fetchRequest.url, error: error.message })}\n`);
    throw new GraphQLError(`The ${this.subgraphName} subgraph is unavailable`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraphName } });
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      body = undefined;
    }
    const reported = firstGraphQLError(body);
    const code = reported?.code ?? STATUS_CODES[response.status] ?? 'SUBGRAPH_ERROR';
    const message = reported?.message ?? `${this.subgraphName} answered HTTP ${response.status} ${response.statusText}`.trim();
    return new GraphQLError(message, { extensions: { code, serviceName: this.subgraphName, status: response.status } });
  }
}
