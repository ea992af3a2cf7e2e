import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation, type UndiciRequest } from '@opentelemetry/instrumentation-undici';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Whether an undici request already carries a `traceparent`: its sender traced it (`sendTraced`). */
function carriesTraceContext({ headers }: UndiciRequest): boolean {
  // undici 5 keeps the headers as raw lines, 6 and later as a flat [name, value, …] list.
  if (typeof headers === 'string') return /^traceparent:/im.test(headers);
  for (let i = 0; i < headers.length; i += 2) if (String(headers[i]).toLowerCase() === 'traceparent') return true;
  return false;
}

/**
 * A query string with every value replaced: the internal routes take a person's or a case's id there
 * (`/internal/access-events?subject=…`), and an id has no place in a trace; the names still say what was asked.
 */
function redactedQuery(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of new Set(params.keys())) params.set(name, 'REDACTED');
  return params.toString();
}

export interface RunningSdk {
  shutdown(): Promise<void>;
}

/**
 * The Node SDK with the exporter, sampler, propagators and batching the `OTEL_*` variables set, and three
 * instrumentations: `http` (each request a front door serves, its W3C trace context taken as the parent), `undici`
 * (`fetch`: a department asking another, the gateway asking about a case; trace context written into each) and `pg`
 * (each SQL statement, its text without its values). The gateway's subgraph fetches trace themselves (`sendTraced`).
 */
export function startSdk(defaultServiceName: string, untraced: (path: string) => boolean): RunningSdk {
  const sdk = new NodeSDK({
    // Below the detected attributes, so that OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES still name the process.
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': defaultServiceName })),
    // Traces only: metrics are the Prometheus `/metrics` of every process and logs their JSON lines on stderr, so
    // the SDK's defaults (an OTLP metric push every minute, an OTLP log exporter) are turned off, not left to the variables.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // An outgoing call or a statement outside any request (the gateway's readiness checks, the migrations at start)
      // makes no trace of its own: a trace is a request.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => untraced((req.url ?? '/').split('?')[0]),
        startIncomingSpanHook: (req) => {
          const query = req.url?.split('?')[1];
          return query ? { 'url.query': redactedQuery(query) } : {};
        },
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({
        ignoreRequestHook: carriesTraceContext,
        startSpanHook: (request) => {
          const url = new URL(request.path, request.origin);
          if (!url.search) return {};
          url.search = redactedQuery(url.search);
          return { 'url.full': url.href, 'url.query': url.search };
        },
        requireParentforSpans: true,
      }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  return sdk;
}
