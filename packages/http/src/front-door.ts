import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { leaveUntraced, recordRequestId, stopTracing } from '@hub/tracing';
import { HttpError, sendGraphQLError, sendJson } from './http-server';

/** The part of a pino logger the front door writes to. */
export interface FrontDoorLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

/** The answer given to a caller when a request fails in a way the service did not foresee. */
export interface UnexpectedFailure {
  status: number;
  code: string;
  message: string;
}

export interface FrontDoorRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** The URL path without its query string. */
  path: string;
  requestId: string | undefined;
}

export interface FrontDoorOptions {
  /** Extra fields of the liveness answer (`GET /health/live`), e.g. which subgraph this is. */
  liveness?: Record<string, unknown>;
  /** Readiness (`GET /health`): 200 when ready, 503 otherwise; never cached. */
  readiness: () => Promise<Readiness>;
  /** Served in Prometheus text format at `GET /metrics`. */
  metrics: Registry;
  /** The service's own routes; resolves true when it answered the request, false to fall through to the 404. */
  handle: (request: FrontDoorRequest) => Promise<boolean>;
  /** The request id of a request; when `echoRequestId` is set it is also sent back as `X-Request-Id`. */
  requestId?: (req: IncomingMessage) => string | undefined;
  echoRequestId?: boolean;
  /** A hint added to the 404's body (where the service's real routes are). */
  notFoundHint?: () => string | undefined;
  /** What a caller sees of an error that is not an `HttpError` (it is logged in full). */
  unexpected: (error: unknown) => UnexpectedFailure;
  log: FrontDoorLog;
  /** Runs once the connections are drained: stop Apollo, close pools and agents. */
  afterDrain?: () => Promise<void>;
}

export interface RunningFrontDoor {
  server: Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then runs `afterDrain`; once. */
  stop(graceMs?: number): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const HEALTH_PATHS = new Set(['/health', '/health/live', '/metrics']);

/** A Prometheus registry with the process's default metrics under `prefix` (and `labels` on every series). */
export function createMetricsRegistry(prefix: string, labels?: Record<string, string>): Registry {
  const registry = new Registry();
  if (labels) registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry, prefix });
  return registry;
}

async function serveOperations(options: FrontDoorOptions, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
    return;
  }
  if (path === '/metrics') {
    const text = await options.metrics.metrics();
    res.writeHead(200, { 'content-type': options.metrics.contentType }).end(text);
    return;
  }
  // Liveness: the process answers. Readiness: what it depends on (its database, the subgraphs) answers too.
  if (path === '/health/live') {
    sendJson(res, 200, { status: 'ok', ...options.liveness });
    return;
  }
  const { ready, body } = await options.readiness();
  sendJson(res, ready ? 200 : 503, body, { 'cache-control': 'no-store' });
}

/**
 * The one HTTP front door of the gateway and of every subgraph: /health, /health/live and /metrics, the
 * service's own routes, a JSON 404 for anything else, error shaping (an `HttpError` keeps its status and code,
 * anything else is logged and answered as the service says) and a graceful drain.
 */
export async function openFrontDoor(options: FrontDoorOptions, port: number, host: string): Promise<RunningFrontDoor> {
  leaveUntraced(HEALTH_PATHS);
  // The handler's own try/catch answers every failure (the HttpError's status, or the service's own), so Node need not see its promise.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server: Server = createServer(async (req, res) => {
    const requestId = options.requestId?.(req);
    if (requestId) recordRequestId(requestId);
    if (options.echoRequestId && requestId) res.setHeader('x-request-id', requestId);
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (HEALTH_PATHS.has(path)) return await serveOperations(options, path, req, res);
      if (await options.handle({ req, res, path, requestId })) return;
      const hint = options.notFoundHint?.();
      sendJson(res, 404, hint ? { error: 'not found', hint } : { error: 'not found' });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError) {
        sendGraphQLError(res, error.status, error.code, error.message);
      } else {
        options.log.error({ requestId, error: String((error as Error)?.stack ?? error) }, 'request failed');
        const { status, code, message } = options.unexpected(error);
        sendGraphQLError(res, status, code, message);
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  const listeningPort = await listen(server, port, host);
  let stopping: Promise<void> | undefined;
  return {
    server,
    port: listeningPort,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          // Idle keep-alive sockets would hold close() open; sockets finishing a request become idle too.
          const sweep = setInterval(() => server.closeIdleConnections(), 50);
          const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
          server.close(() => {
            clearInterval(sweep);
            clearTimeout(deadline);
            resolve();
          });
          server.closeIdleConnections();
        });
        await options.afterDrain?.();
      })();
      return stopping;
    },
  };
}

/**
 * A process's SIGINT/SIGTERM: drain once (Ctrl-C reaches the whole process group and a supervisor may follow
 * with SIGTERM), send the spans still buffered (when tracing is on), then `exit` with 0, or 1 when the drain failed.
 */
export function stopOnSignals(stop: () => Promise<void>, exit: (code: 0 | 1, error?: unknown) => void, onSignal?: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    onSignal?.(signal);
    stop()
      .finally(stopTracing)
      .then(
        () => exit(0),
        (error) => exit(1, error),
      );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
