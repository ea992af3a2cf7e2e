import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { RunningSdk } from './sdk';

/** The span attribute that carries a request's `x-request-id`, the id its log lines carry too. */
export const REQUEST_ID_ATTRIBUTE = 'gridhub.request_id';

export type TracingState = 'on' | 'off';

/** The entries of a comma-separated `OTEL_*` list, as the SDK reads them. */
function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Whether the standard variables ask for traces: an `OTEL_TRACES_EXPORTER` whose first entry is not `none` (the
 * SDK reads only that one for `none`), or, with none named, an OTLP endpoint; never with `OTEL_SDK_DISABLED=true`.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = listOf(env.OTEL_TRACES_EXPORTER);
  if (exporters.length > 0) return exporters[0] !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

let running: RunningSdk | undefined;
const untracedPaths = new Set<string>();

/**
 * Starts the OpenTelemetry SDK when the standard `OTEL_*` variables ask for it, as `defaultServiceName` unless
 * `OTEL_SERVICE_NAME` (or `service.name` in `OTEL_RESOURCE_ATTRIBUTES`) names the process otherwise. Call it before
 * anything loads `http`, `undici` or `pg`: the instrumentations patch them as they are first required.
 */
export function startTracing(defaultServiceName: string): TracingState {
  if (running) return 'on';
  if (!tracingRequested(process.env)) return 'off';
  // Loaded here and only here, synchronously (the caller's next import must already be patched): a process that
  // traces nothing never loads the SDK, its exporters or its instrumentations.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./sdk') as typeof import('./sdk');
  running = startSdk(defaultServiceName, (path) => untracedPaths.has(path));
  return 'on';
}

/** Sends the spans still buffered and stops the SDK; nothing to do when tracing is off. Never rejects. */
export async function stopTracing(): Promise<void> {
  const stopping = running;
  running = undefined;
  if (!stopping) return;
  try {
    await stopping.shutdown();
  } catch (error) {
    // A collector that is gone must not turn a clean stop into a failed one: the spans are lost, the process is not.
    process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'tracing: spans not sent at shutdown', error: String((error as Error)?.message ?? error) })}\n`);
  }
}

/** Incoming requests to these paths get no span: probes and scrapes every few seconds would each be a trace of nothing. */
export function leaveUntraced(paths: Iterable<string>): void {
  for (const path of paths) untracedPaths.add(path);
}

/** Puts the request id on the span of the request being served, so a trace and the request's log lines find each other. */
export function recordRequestId(requestId: string): void {
  trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
}

/**
 * Sends one outgoing HTTP request as a client span of the request being served, with that span's W3C trace context in
 * the headers `send` is given. For a dispatcher that may hold a request back and create it later, in whichever async
 * context frees a socket (undici's `Pool` once every socket is busy): the undici instrumentation, which reads the
 * context when the request is created, would put it, and the subgraph's whole answer, in another request's trace.
 * The instrumentation leaves alone a request that already carries trace context (./sdk.ts).
 */
export async function sendTraced<T extends { statusCode: number }>(method: string, url: URL, send: (traceHeaders: Record<string, string>) => Promise<T>): Promise<T> {
  if (!running) return send({});
  const span = trace.getTracer('@hub/tracing').startSpan(method, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      'url.full': url.href,
      'server.address': url.hostname,
      'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    },
  });
  const traceHeaders: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), traceHeaders);
  try {
    const answer = await send(traceHeaders);
    span.setAttribute('http.response.status_code', answer.statusCode);
    if (answer.statusCode >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    return answer;
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}
