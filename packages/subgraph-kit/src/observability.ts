import pino from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import { createMetricsRegistry } from '@hub/http';

/** One subgraph process's JSON logger (stderr; stdout carries only the `ready` line). LOG_LEVEL picks the level. */
export function subgraphLogger(subgraph: string): pino.Logger {
  return pino({ base: { service: subgraph }, level: process.env.LOG_LEVEL?.trim() || 'info', timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true }));
}

export interface SubgraphMetrics {
  registry: Registry;
  requestDuration: Histogram<'status'>;
  auditWriteDuration: Histogram<'outcome'>;
  auditedReadDuration: Histogram<'outcome'>;
  healthChecks: Counter<'database'>;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The subgraph's own `GET /metrics`: request latency, audit write latency and the database health it saw. */
export function createSubgraphMetrics(subgraph: string): SubgraphMetrics {
  const registry = createMetricsRegistry('gridhub_subgraph_', { subgraph });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'gridhub_subgraph_request_duration_seconds',
      help: 'GraphQL requests served by this subgraph, by HTTP status',
      labelNames: ['status'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    auditWriteDuration: new Histogram({
      name: 'gridhub_audit_write_duration_seconds',
      help: 'One batched, hash-chained audit append (before the response leaves), by outcome',
      labelNames: ['outcome'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    auditedReadDuration: new Histogram({
      name: 'gridhub_audited_read_duration_seconds',
      help: 'One read that wrote its access events in its own statement (docs/adr/0014), by outcome (error: the read failed, and so did its response)',
      labelNames: ['outcome'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    healthChecks: new Counter({ name: 'gridhub_subgraph_health_checks_total', help: 'Health checks by the state of the database they found', labelNames: ['database'], registers: [registry] }),
  };
}

/** Rejects after `ms` so a hung database connection makes /health answer 503 quickly instead of hanging. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]);
}
