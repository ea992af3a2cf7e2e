import { Counter, Histogram } from 'prom-client';
import { createMetricsRegistry } from '@hub/http';

/** The gateway's view in Prometheus text format (`GET /metrics`); each subgraph serves its own. */
export const registry = createMetricsRegistry('gridhub_gateway_');

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const requestDuration = new Histogram({
  name: 'gridhub_gateway_request_duration_seconds',
  help: 'GraphQL requests at the gateway by operation name, calling department and HTTP status',
  labelNames: ['operation', 'department', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'gridhub_subgraph_fetch_duration_seconds',
  help: 'One attempt of the gateway to fetch from a subgraph, by outcome (ok, http_4xx, http_5xx, timeout, connection, circuit_open)',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const subgraphFetchErrors = new Counter({
  name: 'gridhub_subgraph_fetch_errors_total',
  help: 'Subgraph fetch attempts that gave no usable answer, by subgraph and reason',
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
});

export const denials = new Counter({
  name: 'gridhub_denials_total',
  help: 'Errors returned to callers by extensions.code (refusals, FORBIDDEN fields, limits, outages)',
  labelNames: ['code'] as const,
  registers: [registry],
});

/** Operation names come from callers: only plain names, and at most this many distinct ones, become labels. */
const MAX_OPERATION_LABELS = 200;
const seenOperations = new Set<string>();

export function operationLabel(name: unknown): string {
  if (typeof name !== 'string' || !name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
  seenOperations.add(name);
  return name;
}
