import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { ErrorCode, HubError } from '@hub/access';
import { defaultSubgraphUrl, subgraphUrlVariable } from '@hub/topology';
import { MAX_BODY_BYTES, handleGraphQL, openFrontDoor, readJsonBody, refuseDeclaredOversizeBody, sendGraphQLError, sendJson, type FrontDoorRequest } from '@hub/http';
import { authenticate, loadAuthKeys, refusalStatus, requestIdFrom, type AuthKeys, type GatewayContext } from './auth';
import { departmentCaseResolver, type CaseResolver } from './cases';
import type { GatewayConfig } from './config';
import { serveConsole } from './console/static-files';
import { Directory, serveSignIn } from './console/sign-in';
import { serveExplorer } from './explorer';
import { checkHubHealth } from './health';
import { checkQueryLimits, schemaForLimits } from './limits/query-limits';
import { PersistedOperations } from './limits/persisted-operations';
import { RateLimiter, connectRedis, readyOrLater } from './limits/rate-limiter';
import { log } from './logger';
import { denials, operationLabel, registry, requestDuration } from './metrics';
import { SubgraphDataSource } from './subgraph-data-source';

const apolloLogger = {
  debug: (message: unknown) => log.debug(String(message)),
  info: (message: unknown) => log.info(String(message)),
  warn: (message: unknown) => log.warn(String(message)),
  error: (message: unknown) => log.error(String(message)),
};

/**
 * Contract codes and subgraph codes pass through unchanged. An error without a code is a bug or an outage:
 * logged, and in production reduced to "Internal error" so no internal detail (URLs, SQL) reaches the caller.
 */
function formatErrorFor(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log.error({ error: formatted.message, path: formatted.path }, 'request failed');
    if (!production) return formatted;
    return { message: 'Internal error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * Counts every error a response carries by its code (FORBIDDEN fields, limits, outages). The query planner
 * throws INVALID_GRAPHQL for a caller's mistake (an unknown operationName, a subscription) and Apollo answers
 * it with 500; it is the caller's error, so 400 (found by the fuzz test).
 */
const countErrorCodes: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
        for (const error of result?.errors ?? []) denials.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        if (result && result.data === undefined && result.errors?.every((e) => e.extensions?.code === 'INVALID_GRAPHQL')) response.http.status = 400;
      },
    };
  },
};

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** The API's types, for pricing a document before it runs. */
  limitsSchema: GraphQLSchema;
  /** Filled when Apollo starts: subgraph name → its data source (URL, breaker). */
  dataSources: Map<string, SubgraphDataSource>;
}

/** The Apollo Server that plans queries over the checked-in supergraph and calls the subgraphs. */
export function createGateway(config: GatewayConfig): Gateway {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const dataSources = new Map<string, SubgraphDataSource>();
  // @apollo/gateway otherwise starts a meter provider that sends usage metrics to Apollo's servers: a district's hub
  // of residents' data talks to no one but its departments (the option is read when the gateway is constructed).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: apolloLogger,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`the supergraph has no url for subgraph "${name}"; set ${subgraphUrlVariable(name)}`);
      const source = new SubgraphDataSource(name, target, config.resilience);
      dataSources.set(name, source);
      return source;
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger,
    introspection: !config.production,
    // No "Did you mean …" field suggestions in production: they leak the schema that introspection hides.
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // Every real request carries X-Purpose, a header no browser sends cross-site without a preflight.
    csrfPrevention: { requestHeaders: ['x-purpose', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    // No automatic persisted queries: a hash-only request would run a text the limits never priced with these
    // variables. Operations by hash go through the safelist (PERSISTED_OPERATIONS_PATH), which is priced.
    persistedQueries: false,
    // index.ts owns the signals: Apollo's own handler would re-raise the signal instead of exiting 0.
    stopOnTerminationSignals: false,
    formatError: formatErrorFor(config.production),
    plugins: [countErrorCodes, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
  return { apollo, dataSources, limitsSchema: schemaForLimits(supergraphSdl) };
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then stops Apollo. */
  stop(graceMs?: number): Promise<void>;
}

interface Routing {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  subgraphUrls: Map<string, string>;
  keys: AuthKeys;
  resolveCase: CaseResolver;
  rateLimiter: RateLimiter;
  /** Counted by client address: requests refused before authentication, and sign-in at /auth/*. */
  addressRateLimiter: RateLimiter;
  safelist: PersistedOperations | undefined;
  directory: Directory;
  limitsSchema: GraphQLSchema;
}

function refuse(res: ServerResponse, error: HubError, headers: Record<string, string> = {}): void {
  denials.inc({ code: error.code });
  const extensions = { code: error.code, ...(error.details.reason ? { reason: error.details.reason } : {}) };
  sendJson(res, refusalStatus(error), { errors: [{ message: error.message, extensions }] }, headers);
}

/** RATE_LIMITED with the seconds to wait (sent as Retry-After). */
function rateLimited(who: string, limiter: RateLimiter, waitMs: number): HubError {
  const seconds = Math.ceil(waitMs / 1000);
  return Object.assign(new HubError(ErrorCode.RATE_LIMITED, `Too many requests from ${who}: the limit is ${limiter.perMinute} a minute; try again in ${seconds} s`), { retryAfter: seconds });
}

/** The client's address: the last entry of the configured proxy header (the one the nearest proxy added), else the connection's. */
function clientAddress(config: GatewayConfig, req: IncomingMessage): string {
  const header = config.clientAddressHeader ? req.headers[config.clientAddressHeader] : undefined;
  const forwarded = (Array.isArray(header) ? header.at(-1) : header)?.split(',').at(-1)?.trim();
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** Spends one from the address's budget for a request without a valid identity; throws RATE_LIMITED when it is spent. */
async function takeForAddress(routing: Routing, req: IncomingMessage): Promise<void> {
  const address = clientAddress(routing.config, req);
  const waitMs = await routing.addressRateLimiter.take(address);
  if (waitMs > 0) throw rateLimited(address, routing.addressRateLimiter, waitMs);
}

/** A GET's variables, priced as Apollo will run them; malformed JSON is Apollo's to refuse. */
function variablesOfGet(params: URLSearchParams): unknown {
  const raw = params.get('variables');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

async function serveGraphQL(routing: Routing, req: IncomingMessage, res: ServerResponse, requestId: string, entry: Record<string, unknown>): Promise<void> {
  if (req.method !== 'POST' && req.method !== 'GET') {
    res.setHeader('allow', 'GET, POST');
    sendGraphQLError(res, 405, 'METHOD_NOT_ALLOWED', 'Use POST (or GET for queries) on /graphql');
    return;
  }
  if (refuseDeclaredOversizeBody(req, res)) {
    sendGraphQLError(res, 413, 'BAD_REQUEST', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    return;
  }
  const body = (req.method === 'POST' ? await readJsonBody(req) : undefined) as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  entry.operation = operationLabel(req.method === 'POST' ? body?.operationName : params.get('operationName'));
  try {
    if (routing.safelist) {
      if (req.method !== 'POST' || !body || typeof body !== 'object')
        throw new HubError(ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, 'Only POSTed operations on the persisted-operation safelist are accepted here');
      body.query = routing.safelist.resolve(body);
      if (body.extensions && typeof body.extensions === 'object') delete (body.extensions as Record<string, unknown>).persistedQuery;
    }
    const query = req.method === 'POST' ? body?.query : params.get('query');
    const variables = req.method === 'POST' ? body?.variables : variablesOfGet(params);
    const context = await authenticate(routing.keys, req.headers, requestId, { query, variables, resolveCase: routing.resolveCase }).catch(async (error: unknown) => {
      // A bad or missing token has no user to count against: its address pays (a token-guessing client is slowed down).
      if (error instanceof HubError && error.code === ErrorCode.UNAUTHENTICATED) await takeForAddress(routing, req);
      throw error;
    });
    const { sub, dept, role, jurisdiction, purpose, caseId } = context.identity;
    Object.assign(entry, { user: sub, dept, role, jurisdiction, purpose, caseId });
    const waitMs = await routing.rateLimiter.take(sub);
    if (waitMs > 0) throw rateLimited(sub, routing.rateLimiter, waitMs);
    if (typeof query === 'string') checkQueryLimits(query, variables, routing.config.limits, routing.limitsSchema);
    await handleGraphQL(routing.apollo, req, res, { createContext: async () => context, body });
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    entry.refused = error.code;
    const retryAfter = (error as HubError & { retryAfter?: number }).retryAfter;
    refuse(res, error, retryAfter ? { 'retry-after': String(retryAfter) } : {});
  }
}

/** The gateway's own routes behind the front door: /graphql, the explorer (development), /auth/* and the console. */
async function route(routing: Routing, { req, res, path, requestId = '' }: FrontDoorRequest): Promise<boolean> {
  if (routing.config.explorer && req.method === 'GET' && serveExplorer(path, res)) return true;
  if (path === '/graphql') {
    const started = performance.now();
    // The gateway's own access log: one line per request, who asked for what purpose, and how it ended.
    const entry: Record<string, unknown> = { requestId, method: req.method, path };
    res.once('finish', () => {
      const seconds = performance.now() - started;
      requestDuration.observe({ operation: String(entry.operation ?? 'anonymous'), department: String(entry.dept ?? 'none'), status: String(res.statusCode) }, seconds / 1000);
      log.info({ ...entry, status: res.statusCode, ms: Math.round(seconds * 10) / 10 }, 'request');
    });
    await serveGraphQL(routing, req, res, requestId, entry);
    return true;
  }
  if (path.startsWith('/auth/')) {
    try {
      await takeForAddress(routing, req);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      refuse(res, error, { 'retry-after': String((error as HubError & { retryAfter?: number }).retryAfter ?? 60) });
      return true;
    }
  }
  if (await serveSignIn({ development: !routing.config.production, identityProviderLoginUrl: routing.config.identityProviderLoginUrl }, routing.keys, routing.directory, req, res, path)) return true;
  return (req.method === 'GET' || req.method === 'HEAD') && serveConsole(routing.config.consoleDir, path, res);
}

/** Starts Apollo and the HTTP server: /graphql (authenticated), /health, /health/live, /metrics, /auth/* and the console at /, /explorer (development). */
export async function startGateway(config: GatewayConfig, keys: AuthKeys = loadAuthKeys()): Promise<RunningGateway> {
  const { apollo, dataSources, limitsSchema } = createGateway(config);
  const safelist = config.persistedOperationsPath ? PersistedOperations.load(config.persistedOperationsPath) : undefined;
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : undefined;
  await apollo.start();
  // Up to 2 s for Redis, so a replica that has just started shares the budget from its first request; never more.
  if (redis) await readyOrLater(redis, 2000);
  // The supergraph's defaults for the case owners are their demo ports; SUBGRAPH_URL_* overrides them.
  const caseOwners = {
    'civil-affairs': config.subgraphUrls['civil-affairs'] ?? defaultSubgraphUrl('civil-affairs'),
    'public-security': config.subgraphUrls['public-security'] ?? defaultSubgraphUrl('public-security'),
  };
  const routing: Routing = {
    config,
    apollo,
    subgraphUrls: new Map([...dataSources].map(([name, source]) => [name, source.url])),
    keys,
    resolveCase: departmentCaseResolver(caseOwners, keys.internalPrivateKey),
    rateLimiter: new RateLimiter({ perMinute: config.rateLimitPerMinute, redis, keyPrefix: `${config.rateLimitKeyPrefix}:user` }),
    addressRateLimiter: new RateLimiter({ perMinute: config.unauthenticatedRateLimitPerMinute, redis, keyPrefix: `${config.rateLimitKeyPrefix}:address` }),
    safelist,
    directory: new Directory(apollo, keys),
    limitsSchema,
  };
  let port: number;
  let stop: (graceMs?: number) => Promise<void>;
  try {
    ({ port, stop } = await openFrontDoor(
      {
        // Readiness: every subgraph and its database answer.
        readiness: async () => {
          const health = await checkHubHealth(routing.subgraphUrls);
          return { ready: health.status === 'ok', body: { ...health } };
        },
        metrics: registry,
        handle: (request) => route(routing, request),
        requestId: (req) => requestIdFrom(req.headers['x-request-id']),
        echoRequestId: true,
        notFoundHint: () => (config.explorer ? 'GraphQL is served at /graphql, the console at /, the explorer at /explorer' : 'GraphQL is served at /graphql, the console at /'),
        unexpected: () => ({ status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' }),
        log,
        afterDrain: async () => {
          await apollo.stop();
          for (const source of dataSources.values()) source.close();
          redis?.disconnect();
        },
      },
      config.port,
      config.host,
    ));
  } catch (error) {
    await apollo.stop();
    redis?.disconnect();
    throw error;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return { url: `http://${shownHost}:${port}/graphql`, port, stop };
}
