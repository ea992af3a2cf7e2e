/**
 * Tracing, against real processes: with the standard OTEL_* variables set, one cross-department request through the
 * gateway is one trace, from the client's `traceparent` through the gateway's span, its fetches and every department's
 * span down to each SQL statement, with the request id on the gateway's and the departments' spans and no value of
 * the request or its answer in any span. Requests whose fetches wait for a busy socket stay in their own traces. The
 * spans reach an OTLP/HTTP JSON receiver in this test as the processes stop (the SIGTERM drain sends them).
 */
import { createServer, type Server } from 'node:http';
import { REQUEST_ID_ATTRIBUTE } from '@hub/tracing';
import { SUBGRAPHS } from '@hub/topology';
import { freePort, postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';

/** OTLP's span kinds (one more than the API's). */
const SERVER = 2;
const CLIENT = 3;

interface ExportedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}

interface OtlpTraces {
  resourceSpans: Array<{
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: Array<{
      scope: { name: string };
      spans: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }>;
    }>;
  }>;
}

function attributesOf(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue]));
}

/** The spans of one OTLP/HTTP JSON export, flat, each with the service that sent it. */
function spansOf(body: OtlpTraces): ExportedSpan[] {
  return body.resourceSpans.flatMap(({ resource, scopeSpans }) =>
    scopeSpans.flatMap(({ scope, spans }) =>
      spans.map((span) => ({
        service: String(attributesOf(resource.attributes)['service.name']),
        scope: scope.name,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || undefined,
        name: span.name,
        kind: span.kind,
        attributes: attributesOf(span.attributes),
      })),
    ),
  );
}

const CROSS_DEPARTMENT_QUERY = `
  query People($first: Int) {
    people(first: $first) {
      nodes {
        name
        residence { address grid { code } }
        floatingRegistration { inflowReason }
        receivesAssistance
        ownedDwellingCount
        needsAttention
      }
    }
  }`;

// The client's own trace: the gateway takes it as the parent of its span.
const CLIENT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';
const REQUEST_ID = 'trace-test-request-1';
const DEPARTMENT_SERVICES = SUBGRAPHS.map(({ name }) => `gridhub-${name}`);
/** Requests sent at once through a gateway with one socket per department: most of their fetches wait for it. */
const QUEUED_REQUEST_IDS = ['trace-test-queued-1', 'trace-test-queued-2', 'trace-test-queued-3', 'trace-test-queued-4'];

// Who asked, and whom the answer named: neither may be in any span.
const OFFICER_NAME = '追踪测试员';
const namesRead: string[] = [];

let receiver: Server;
const posted: string[] = [];
/** The bodies of the exports as they arrived, and their spans. */
const exported: string[] = [];
const spans: ExportedSpan[] = [];
let hub: RunningHub;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posted.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      exported.push(body);
      spans.push(...spansOf(JSON.parse(body) as OtlpTraces));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  hub = await startHub({
    env: {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      // Longer than the test: every span arrives in the export each process makes as it stops.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
      OTEL_SERVICE_NAME: undefined,
      OTEL_RESOURCE_ATTRIBUTES: undefined,
      OTEL_SDK_DISABLED: undefined,
    },
  });
  const token = await userToken({ dept: 'GRID', jurisdiction: '120112', role: 'OFFICER', name: OFFICER_NAME });
  const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'GRID_SERVICE' };
  const result = await postGraphQL(hub.gatewayUrl, CROSS_DEPARTMENT_QUERY, { first: 2 }, { ...headers, 'x-request-id': REQUEST_ID, traceparent: `00-${CLIENT_TRACE_ID}-${CLIENT_SPAN_ID}-01` });
  expect(result.errors).toBeUndefined();
  expect(result.data.people.nodes).toHaveLength(2);
  namesRead.push(...result.data.people.nodes.map((person: { name: string }) => person.name));
  const oneSocketGateway = await hub.addGateway({ SUBGRAPH_MAX_SOCKETS: '1' });
  const queued = await Promise.all(QUEUED_REQUEST_IDS.map((requestId) => postGraphQL(oneSocketGateway, CROSS_DEPARTMENT_QUERY, { first: 2 }, { ...headers, 'x-request-id': requestId })));
  for (const answer of queued) expect(answer.errors).toBeUndefined();
  await hub.stop();
});

afterAll(async () => {
  await hub?.stop();
  receiver?.close();
});

const byId = () => new Map(spans.map((span) => [span.spanId, span]));

/** The span's parent, its parent's parent, … as far as the exported spans go. */
function ancestorsOf(span: ExportedSpan): ExportedSpan[] {
  const index = byId();
  const chain: ExportedSpan[] = [];
  for (let parent = span.parentSpanId && index.get(span.parentSpanId); parent; parent = parent.parentSpanId && index.get(parent.parentSpanId)) chain.push(parent);
  return chain;
}

/** The gateway's span of the request with this id: exactly one. */
function gatewaySpan(requestId: string): ExportedSpan {
  const found = spans.filter((span) => span.service === 'gridhub-gateway' && span.kind === SERVER && span.attributes[REQUEST_ID_ATTRIBUTE] === requestId);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The spans in which a department answered a fetch of the trace's gateway. */
const departmentSpans = (service: string, traceId: string) => spans.filter((span) => span.service === service && span.kind === SERVER && span.traceId === traceId);

describe('one request through the gateway, traced', () => {
  it('is one trace, the client’s: the gateway’s span is the child of the client’s', () => {
    expect(gatewaySpan(REQUEST_ID)).toMatchObject({ traceId: CLIENT_TRACE_ID, parentSpanId: CLIENT_SPAN_ID });
  });

  it('is all there is: every exported span is in the trace of one of the requests sent (probes, scrapes and start-up statements are not traced)', () => {
    const traces = [REQUEST_ID, ...QUEUED_REQUEST_IDS].map((requestId) => gatewaySpan(requestId).traceId);
    expect(new Set(traces).size).toBe(traces.length);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set(traces));
  });

  it.each(DEPARTMENT_SERVICES)('%s answered in a span under a fetch of the gateway’s span', (service) => {
    const gateway = gatewaySpan(REQUEST_ID);
    const answered = departmentSpans(service, CLIENT_TRACE_ID);
    expect(answered.length).toBeGreaterThan(0);
    for (const span of answered) {
      const [fetch, ...above] = ancestorsOf(span);
      expect(fetch).toMatchObject({ service: 'gridhub-gateway', kind: CLIENT });
      expect(above).toContain(gateway);
    }
  });

  it.each(DEPARTMENT_SERVICES)('%s ran its SQL in spans under its own request’s span', (service) => {
    const statements = spans.filter((span) => span.service === service && span.scope === '@opentelemetry/instrumentation-pg' && span.kind === CLIENT && span.traceId === CLIENT_TRACE_ID);
    expect(statements.length).toBeGreaterThan(0);
    const requests = departmentSpans(service, CLIENT_TRACE_ID);
    for (const statement of statements) expect(ancestorsOf(statement).some((span) => requests.includes(span))).toBe(true);
  });

  it.each(DEPARTMENT_SERVICES)('%s’s span carries the request id the gateway’s carries, and is in the request’s trace', (service) => {
    const tagged = spans.filter((span) => span.service === service && span.kind === SERVER && span.attributes[REQUEST_ID_ATTRIBUTE] === REQUEST_ID);
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged).toEqual(departmentSpans(service, CLIENT_TRACE_ID));
  });

  it('stays in its own trace when its fetches wait for a socket behind another request’s', () => {
    for (const requestId of QUEUED_REQUEST_IDS) {
      const { traceId } = gatewaySpan(requestId);
      for (const service of DEPARTMENT_SERVICES) {
        const answered = departmentSpans(service, traceId);
        expect(answered.length).toBeGreaterThan(0);
        for (const span of answered) expect(span.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
      }
    }
  });

  it('records each statement’s text but none of its values: neither who asked nor whom the answer named is in any span', () => {
    expect(exported.length).toBeGreaterThan(0);
    for (const value of [OFFICER_NAME, ...namesRead]) for (const body of exported) expect(body).not.toContain(value);
  });

  it('sends traces only, as OTLP/HTTP JSON: no metrics or logs are pushed beside them', () => {
    expect(new Set(posted)).toEqual(new Set(['POST /v1/traces application/json']));
  });
});
