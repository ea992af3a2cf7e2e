import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { HubError } from '@hub/access';
import { SUBGRAPHS } from '@hub/stack';
import { HttpError, MAX_BODY_BYTES, createServer, handleGraphQL, listen, readJsonBody, refuseDeclaredOversizeBody, sendGraphQLError, sendJson } from '@hub/http';
import { authenticate, loadAuthKeys, refusalStatus, requestIdFrom, type AuthKeys, type GatewayContext } from './auth';
import { civilAffairsCaseResolver, type CaseResolver } from './cases';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './subgraph-data-source';

/** Infrastructure messages go to stderr as JSON lines; stdout carries only the `ready` line. */
function logLine(level: string, msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ level, msg, ...fields })}\n`);
}

const logger = {
  debug: () => undefined,
  info: (message: unknown) => logLine('info', String(message)),
  warn: (message: unknown) => logLine('warn', String(message)),
  error: (message: unknown) => logLine('error', String(message)),
};

/**
 * Contract codes and subgraph codes pass through unchanged. An error without a code is a bug or an outage:
 * logged, and in production reduced to "Internal error" so no internal detail (URLs, SQL) reaches the caller.
 */
function formatErrorFor(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    logLine('error', 'request failed', { error: formatted.message, path: formatted.path });
    if (!production) return formatted;
    return { message: 'Internal error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** The Apollo Server that plans queries over the checked-in supergraph and calls the subgraphs. */
export function createGateway(config: GatewayConfig): ApolloServer<GatewayContext> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`the supergraph has no url for subgraph "${name}"; set SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`);
      return new SubgraphDataSource(name, target);
    },
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // Every real request carries X-Purpose, a header no browser sends cross-site without a preflight.
    csrfPrevention: { requestHeaders: ['x-purpose', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    // index.ts owns the signals: Apollo's own handler would re-raise the signal instead of exiting 0.
    stopOnTerminationSignals: false,
    formatError: formatErrorFor(config.production),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then stops Apollo. */
  stop(graceMs?: number): Promise<void>;
}

async function route(apollo: ApolloServer<GatewayContext>, keys: AuthKeys, resolveCase: CaseResolver, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  res.setHeader('x-request-id', requestId);
  const started = performance.now();
  // The gateway's own access log: one line per request, who asked for what purpose, and how it ended.
  const entry: Record<string, unknown> = { requestId, method: req.method, path: (req.url ?? '/').split('?')[0] };
  res.once('finish', () => {
    if (entry.path === '/health') return;
    logLine('info', 'request', { ...entry, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 });
  });
  try {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
        return;
      }
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path !== '/graphql') {
      sendJson(res, 404, { error: 'not found', hint: 'GraphQL is served at /graphql' });
      return;
    }
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.setHeader('allow', 'GET, POST');
      sendGraphQLError(res, 405, 'METHOD_NOT_ALLOWED', 'Use POST (or GET for queries) on /graphql');
      return;
    }
    if (refuseDeclaredOversizeBody(req, res)) {
      sendGraphQLError(res, 413, 'BAD_REQUEST', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
      return;
    }
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    const query = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : new URL(req.url ?? '/', 'http://localhost').searchParams.get('query');
    let context: GatewayContext;
    try {
      context = await authenticate(keys, req.headers, requestId, { query, variables: req.method === 'POST' ? (body as { variables?: unknown } | null)?.variables : undefined, resolveCase });
      const { sub, dept, role, jurisdiction, purpose, caseId } = context.identity;
      Object.assign(entry, { user: sub, dept, role, jurisdiction, purpose, caseId, operation: (body as { operationName?: unknown } | null)?.operationName ?? undefined });
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      entry.refused = error.code;
      sendGraphQLError(res, refusalStatus(error), error.code, error.message);
      return;
    }
    await handleGraphQL(apollo, req, res, { createContext: async () => context, body });
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
    } else if (error instanceof HttpError) {
      sendGraphQLError(res, error.status, error.code, error.message);
    } else {
      logLine('error', 'request failed', { requestId, error: String((error as Error)?.stack ?? error) });
      sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error');
    }
  }
}

/** Starts Apollo and the HTTP server: POST/GET /graphql (authenticated), GET /health, 404 otherwise. */
export async function startGateway(config: GatewayConfig, keys: AuthKeys = loadAuthKeys()): Promise<RunningGateway> {
  const apollo = createGateway(config);
  await apollo.start();
  // The supergraph's default for civil affairs is its demo port; SUBGRAPH_URL_CIVIL_AFFAIRS overrides both.
  const civilAffairsUrl = config.subgraphUrls['civil-affairs'] ?? `http://127.0.0.1:${SUBGRAPHS.find((s) => s.name === 'civil-affairs')!.port}/graphql`;
  const resolveCase = civilAffairsCaseResolver(civilAffairsUrl, keys.internalPrivateKey);
  const server: Server = createServer((req, res) => void route(apollo, keys, resolveCase, req, res));
  server.keepAliveTimeout = 65_000;
  let port: number;
  try {
    port = await listen(server, config.port, config.host);
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; sockets finishing a request become idle too.
          const sweep = setInterval(() => server.closeIdleConnections(), 50);
          const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
          server.once('close', () => {
            clearInterval(sweep);
            clearTimeout(deadline);
          });
          server.closeIdleConnections();
        });
        await apollo.stop();
      })();
      return stopping;
    },
  };
}
