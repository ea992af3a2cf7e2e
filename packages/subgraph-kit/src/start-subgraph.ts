import 'reflect-metadata';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ErrorCode, INTERNAL_TOKEN_HEADER, gridhubHome, loadPublicKey, verifyInternalToken, HubError } from '@hub/access';
import { databaseNameFor, openDepartmentOrm } from '@hub/db';
import { AuditRecorder, accessLogMigrations, accessLogRoutes, appendAccessEvents } from '@hub/audit';
import { buildFederatedSchema } from './build-federated-schema';
import { enforcePolicy } from './enforce-policy';
import type { SubgraphContext } from './context';
import { formatError } from './errors';
import { HttpError, createServer, handleGraphQL, listen, sendGraphQLError, sendJson } from '@hub/http';
import type { SubgraphDefinition } from './subgraph-definition';
import { createSubgraphMetrics, subgraphLogger, withTimeout } from './observability';

/** A health check's database probe: short, so an orchestrator sees a dead database within seconds. */
const HEALTH_DB_TIMEOUT_MS = 1000;

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
}

/** The executable subgraph schema with the department's policy enforced on every field, and its SDL. */
export async function buildSubgraph<L>(definition: SubgraphDefinition<L>) {
  const { schema, sdl } = await buildFederatedSchema(
    { resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes },
    definition.referenceResolvers,
  );
  return { schema: enforcePolicy(schema, definition.policy), sdl };
}

/** The subgraph's own migrations plus the access log every subgraph keeps. */
export function subgraphMigrations<L>(definition: SubgraphDefinition<L>) {
  return [...definition.migrations, ...accessLogMigrations];
}

/**
 * Opens (and migrates) the department's own database and serves its subgraph. Every GraphQL request —
 * `_service` and `_entities` included — must carry a valid gateway-signed internal token, or gets 401.
 */
export async function startSubgraph<L>(definition: SubgraphDefinition<L>, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const internalPublicKey = loadPublicKey(gridhubHome(), 'internal');
  const { schema } = await buildSubgraph(definition);
  const orm = await openDepartmentOrm({
    serverUrl: options.serverUrl,
    databaseName: options.databaseName ?? databaseNameFor(definition.name),
    entities: definition.entities,
    migrations: subgraphMigrations(definition),
    onQuery: options.onQuery,
  });
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // runSubgraphMain owns the signals and drains; Apollo's own handler held the process for ~25 s, then re-raised the signal.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const log = subgraphLogger(definition.name);
  const metrics = createSubgraphMetrics(definition.name);

  // The handler's own try/catch answers every failure (503 or the HttpError's status), so Node need not see its promise.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server: Server = createServer(async (req, res) => {
    const started = performance.now();
    const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined;
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/health/live') {
        sendJson(res, 200, { status: 'ok', subgraph: definition.name });
        return;
      }
      if (path === '/health') {
        try {
          await withTimeout(orm.em.getConnection().execute('select 1'), HEALTH_DB_TIMEOUT_MS, 'the database');
        } catch (error) {
          metrics.healthChecks.inc({ database: 'down' });
          log.warn({ error: (error as Error).message }, 'health: database down');
          sendJson(res, 503, { status: 'down', subgraph: definition.name, database: 'down', error: (error as Error).message }, { 'cache-control': 'no-store' });
          return;
        }
        metrics.healthChecks.inc({ database: 'up' });
        sendJson(res, 200, { status: 'ok', subgraph: definition.name, database: 'up' }, { 'cache-control': 'no-store' });
        return;
      }
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
        return;
      }
      if (path === '/graphql') {
        res.once('finish', () => {
          const seconds = (performance.now() - started) / 1000;
          metrics.requestDuration.observe({ status: String(res.statusCode) }, seconds);
          // Debug: the gateway already logs every request once; LOG_LEVEL=debug follows it into the departments.
          log.debug({ requestId, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 }, 'request');
        });
      }
      const routes: Record<string, (context: SubgraphContext<L>, params: URLSearchParams) => Promise<unknown>> = {
        ...definition.internalRoutes,
        ...accessLogRoutes(definition.department),
      };
      const internalRoute = path.startsWith('/internal/') ? routes[path.slice('/internal/'.length)] : undefined;
      if (path !== '/graphql' && !internalRoute) {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      const token = req.headers[INTERNAL_TOKEN_HEADER];
      if (typeof token !== 'string' || !token) {
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', `${definition.name} answers only requests signed by the gateway (${INTERNAL_TOKEN_HEADER} missing)`);
        return;
      }
      let identity;
      try {
        identity = await verifyInternalToken(internalPublicKey, token);
      } catch (error) {
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', error instanceof HubError ? error.message : 'Internal token rejected');
        return;
      }
      if (internalRoute) {
        const em = orm.em.fork();
        try {
          const answer = await internalRoute({ identity, em, loaders: definition.createLoaders(em), audit: new AuditRecorder(identity), internalToken: token }, new URL(req.url ?? '/', 'http://localhost').searchParams);
          sendJson(res, 200, answer);
        } catch (error) {
          if (!(error instanceof HubError)) throw error;
          sendGraphQLError(res, error.code === ErrorCode.BAD_USER_INPUT ? 400 : 403, error.code, error.message);
        }
        return;
      }
      let context: SubgraphContext<L> | undefined;
      await handleGraphQL(apollo, req, res, {
        createContext: async () => {
          const em = orm.em.fork();
          context = { identity, em, loaders: definition.createLoaders(em), audit: new AuditRecorder(identity), internalToken: token };
          return context;
        },
        // Fail closed: the response leaves only after its access events are in the hash-chained log.
        beforeRespond: async () => {
          if (!context) return;
          const auditStarted = performance.now();
          let outcome = 'error';
          try {
            await appendAccessEvents(orm.em.getConnection(), context.audit.events());
            outcome = 'ok';
          } finally {
            metrics.auditWriteDuration.observe({ outcome }, (performance.now() - auditStarted) / 1000);
          }
        },
      });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError) {
        sendGraphQLError(res, error.status, error.code, error.message);
      } else {
        log.error({ requestId, error: String((error as Error)?.stack ?? error) }, 'request failed');
        sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', `${definition.name} could not answer: ${(error as Error)?.message ?? 'unknown error'}`);
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? definition.defaultPort, host);
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    orm,
    async stop(graceMs = 10_000) {
      // Finish requests in flight; idle keep-alive sockets (the gateway holds some) would keep close() waiting.
      await new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      await apollo.stop();
      await orm.close();
    },
  };
}
