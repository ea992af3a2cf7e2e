import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ErrorCode, INTERNAL_TOKEN_HEADER, gridhubHome, loadInternalKeySet, verifyInternalToken, checkInternalRequest, HubError, type VerifiedInternalToken } from '@hub/access';
import { databaseNameFor, openDepartmentOrm } from '@hub/db';
import { AuditRecorder, accessLogMigrations, accessLogRoutes, appendAccessEvents, expireWriteRequests, writeLogMigrations, writeRetryHorizonDays } from '@hub/audit';
import { buildFederatedSchema } from './build-federated-schema';
import { enforcePolicy } from './enforce-policy';
import { auditPlanPlugin } from './audit-plan';
import type { SubgraphContext } from './context';
import { formatError } from './errors';
import { handleGraphQL, openFrontDoor, parseJsonBody, readBody, sendGraphQLError, sendJson, type FrontDoorRequest, type Readiness } from '@hub/http';
import { ReplayCache } from './replay-cache';
import type { SubgraphDefinition } from './subgraph-definition';
import { createSubgraphMetrics, subgraphLogger, withTimeout } from './observability';

/** A health check's database probe: short, so an orchestrator sees a dead database within seconds. */
const HEALTH_DB_TIMEOUT_MS = 1000;

/** How often the claims of writes past the retry horizon are forgotten (ADR 0020). */
const WRITE_REQUEST_EXPIRY_INTERVAL_MS = 3_600_000;

export interface RunningSubgraph {
  url: string;
  port: number;
  orm: MikroORM;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes the database pool. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartSubgraphOptions {
  serverUrl: string;
  port?: number;
  host?: string;
  databaseName?: string;
  onQuery?: (sql: string) => void;
  /** Apply pending migrations first (default); false where a migration Job does it and the runtime role may not. */
  migrate?: boolean;
}

/** The executable subgraph schema with the department's policy enforced on every field, and its SDL. */
export async function buildSubgraph<L>(definition: SubgraphDefinition<L>) {
  const { schema, sdl } = await buildFederatedSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes }, definition.referenceResolvers);
  return { schema: enforcePolicy(schema, definition.policy), sdl };
}

/** The subgraph's own migrations plus the access log every subgraph keeps. */
export function subgraphMigrations<L>(definition: SubgraphDefinition<L>) {
  return [...definition.migrations, ...accessLogMigrations, ...writeLogMigrations];
}

/**
 * Opens (and migrates) the department's own database and serves its subgraph. Every GraphQL request —
 * `_service` and `_entities` included — must carry a valid gateway-signed internal token for this subgraph, bound to
 * this very request and not used before, or gets 401.
 */
export async function startSubgraph<L>(definition: SubgraphDefinition<L>, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const internalKeys = loadInternalKeySet(gridhubHome());
  const retryHorizonDays = writeRetryHorizonDays();
  const { schema } = await buildSubgraph(definition);
  const orm = await openDepartmentOrm({
    serverUrl: options.serverUrl,
    databaseName: options.databaseName ?? databaseNameFor(definition.name),
    entities: definition.entities,
    migrations: subgraphMigrations(definition),
    onQuery: options.onQuery,
    migrate: options.migrate,
  });
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // runSubgraphMain owns the signals and drains; Apollo's own handler held the process for ~25 s, then re-raised the signal.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), auditPlanPlugin(definition.policy)],
  });
  await apollo.start();
  const log = subgraphLogger(definition.name);
  const metrics = createSubgraphMetrics(definition.name);

  const expireClaims = async () => {
    try {
      const forgotten = await expireWriteRequests((text) => orm.em.getConnection().getKnex().raw(text), retryHorizonDays);
      if (forgotten > 0) log.info({ forgotten, retryHorizonDays }, 'write request ids past the retry horizon forgotten');
    } catch (error) {
      // Not fatal: an unexpired claim only answers a late retry with the first write's result.
      log.warn({ error: (error as Error).message }, 'could not expire write request ids');
    }
  };
  void expireClaims();
  const claimExpiry = setInterval(() => void expireClaims(), WRITE_REQUEST_EXPIRY_INTERVAL_MS);
  claimExpiry.unref();

  const replays = new ReplayCache();

  const routes: Record<string, (context: SubgraphContext<L>, params: URLSearchParams, body?: unknown) => Promise<unknown>> = {
    ...definition.internalRoutes,
    ...accessLogRoutes(definition.department),
  };

  /** /graphql and /internal/*: only for requests signed by the gateway. */
  async function handle({ req, res, path, requestId }: FrontDoorRequest): Promise<boolean> {
    const internalRoute = path.startsWith('/internal/') ? routes[path.slice('/internal/'.length)] : undefined;
    if (path !== '/graphql' && !internalRoute) return false;
    if (path === '/graphql') {
      const started = performance.now();
      res.once('finish', () => {
        const seconds = (performance.now() - started) / 1000;
        metrics.requestDuration.observe({ status: String(res.statusCode) }, seconds);
        // Debug: the gateway already logs every request once; LOG_LEVEL=debug follows it into the departments.
        log.debug({ requestId, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 }, 'request');
      });
    }
    const token = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof token !== 'string' || !token) {
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', `${definition.name} answers only requests signed by the gateway (${INTERNAL_TOKEN_HEADER} missing)`);
      return true;
    }
    let verified: VerifiedInternalToken;
    let body: string | undefined;
    try {
      // The signature and audience first: nothing of the request is read for a token that is not this subgraph's.
      verified = await verifyInternalToken(internalKeys, token, definition.name);
      body = req.method === 'POST' ? await readBody(req) : undefined;
      // A POST is bound by its exact body, a GET (the internal routes) by its path and query string.
      checkInternalRequest(verified, { route: internalRoute ? path.slice('/internal/'.length) : 'graphql', bound: body ?? req.url ?? '' });
      if (!replays.use(verified.tokenId, verified.expiresAtMs, verified.uses)) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Internal token has already been used (a replay)');
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', error.message);
      return true;
    }
    const { identity, onward } = verified;
    const via = verified.binding.via;
    if (internalRoute) {
      const em = orm.em.fork();
      const audit = new AuditRecorder(identity);
      // What a route noted (a refused case, say) is in the log before its answer leaves, as for /graphql: fail closed.
      const appendNoted = async () => {
        const events = audit.events();
        if (events.length > 0) await appendAccessEvents(orm.em.getConnection(), events);
      };
      try {
        // A POST route (a peer's write, e.g. grid-assignment) gets its JSON body; a GET its query string only.
        let json: unknown;
        if (body !== undefined) {
          try {
            json = JSON.parse(body);
          } catch {
            throw new HubError(ErrorCode.BAD_USER_INPUT, 'The body of an internal route must be JSON');
          }
        }
        const context = { identity, em, loaders: definition.createLoaders(em, audit), audit, onwardTokens: onward, via };
        const answer = await internalRoute(context, new URL(req.url ?? '/', 'http://localhost').searchParams, json);
        await appendNoted();
        sendJson(res, 200, answer);
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        await appendNoted();
        sendGraphQLError(res, error.code === ErrorCode.BAD_USER_INPUT ? 400 : 403, error.code, error.message);
      }
      return true;
    }
    let context: SubgraphContext<L> | undefined;
    await handleGraphQL(apollo, req, res, {
      body: body === undefined ? undefined : parseJsonBody(body),
      createContext: async () => {
        const em = orm.em.fork();
        const audit = new AuditRecorder(identity);
        context = { identity, em, loaders: definition.createLoaders(em, audit), audit, onwardTokens: onward, via };
        return context;
      },
      // Fail closed: the response leaves only after its access events are in the hash-chained log — written by the data
      // statements themselves (auditedRows), and here whatever else was noted (denials, reads without an audited statement).
      beforeRespond: async () => {
        if (!context) return;
        for (const { seconds, outcome } of context.audit.auditedReads) metrics.auditedReadDuration.observe({ outcome }, seconds);
        if (context.audit.failure) throw context.audit.failure;
        const events = context.audit.events();
        if (events.length === 0) return;
        const auditStarted = performance.now();
        let outcome = 'error';
        try {
          await appendAccessEvents(orm.em.getConnection(), events);
          outcome = 'ok';
        } finally {
          metrics.auditWriteDuration.observe({ outcome }, (performance.now() - auditStarted) / 1000);
        }
      },
    });
    return true;
  }

  /** Readiness: the department's database answers within a second. */
  async function readiness(): Promise<Readiness> {
    try {
      await withTimeout(orm.em.getConnection().execute('select 1'), HEALTH_DB_TIMEOUT_MS, 'the database');
    } catch (error) {
      metrics.healthChecks.inc({ database: 'down' });
      log.warn({ error: (error as Error).message }, 'health: database down');
      return { ready: false, body: { status: 'down', subgraph: definition.name, database: 'down', error: (error as Error).message } };
    }
    metrics.healthChecks.inc({ database: 'up' });
    return { ready: true, body: { status: 'ok', subgraph: definition.name, database: 'up' } };
  }

  const host = options.host ?? '127.0.0.1';
  const door = await openFrontDoor(
    {
      liveness: { subgraph: definition.name },
      readiness,
      metrics: metrics.registry,
      handle,
      requestId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined),
      unexpected: (error) => ({ status: 503, code: 'SERVICE_UNAVAILABLE', message: `${definition.name} could not answer: ${(error as Error)?.message ?? 'unknown error'}` }),
      log,
      afterDrain: async () => {
        clearInterval(claimExpiry);
        await apollo.stop();
        await orm.close();
      },
    },
    options.port ?? definition.defaultPort,
    host,
  );
  return { url: `http://${host}:${door.port}/graphql`, port: door.port, orm, stop: door.stop };
}
