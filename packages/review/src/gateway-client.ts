/** A GraphQL client for the gateway, as a civil-affairs system calls it: bearer token, purpose, request id. */
export interface GatewayClient {
  query<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }>;
}

export function gatewayClient(url: string, token: string, purpose = 'SUBSISTENCE_REVIEW', timeoutMs = 120_000): GatewayClient {
  return {
    async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'x-purpose': purpose, 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new GatewayError(`gateway ${url} unreachable: ${(error as Error).message}`, undefined, true);
      }
      let body: GraphQLBody<T>;
      try {
        body = (await response.json()) as GraphQLBody<T>;
      } catch {
        throw new GatewayError(`gateway answered HTTP ${response.status} without JSON`, undefined, response.status >= 500);
      }
      if (body.errors?.length) {
        const [first] = body.errors;
        const code = first.extensions?.code;
        const where = first.path ? ` at ${JSON.stringify(first.path)}` : '';
        throw new GatewayError(
          `${code ?? 'ERROR'}: ${first.message}${where}${body.errors.length > 1 ? ` (and ${body.errors.length - 1} more)` : ''}`,
          code,
          response.status >= 500 || code === 'SUBGRAPH_UNAVAILABLE',
        );
      }
      if (!body.data) throw new GatewayError(`gateway answered HTTP ${response.status} with no data`, undefined, response.status >= 500);
      return body.data;
    },
  };
}
