import { ErrorCode, HubError, outcomeFor, type FieldRule, type RequestIdentity } from '@hub/access';
import { PERSON_ID_PATTERN } from '@hub/domain';
import type { SqlExecutor } from './append';
import type { AuditRecorder } from './audit-recorder';
import { readAccessEvents } from './read-events';
import { ACCESS_LOG_INTEGRITY, ACCESS_LOG_READ, accessLogChainState } from './verify-database';

/** What the access-log routes need of a subgraph's request context (subgraph-kit's SubgraphContext has it). */
export interface AccessLogRouteContext {
  identity: RequestIdentity;
  em: { getConnection(): SqlExecutor };
  audit: AuditRecorder;
}

export type AccessLogRoute = (context: AccessLogRouteContext, params: URLSearchParams) => Promise<unknown>;

/**
 * The access-log routes answer the access auditors only, by the same policy rows as population's fields; a refusal
 * is logged like any other outcome before it is sent (the subgraph kit appends what an internal route noted before it answers).
 */
async function requireAuditPurpose(context: AccessLogRouteContext, rule: FieldRule, subject: string | undefined): Promise<void> {
  const outcome = outcomeFor(rule, context.identity.purpose);
  context.audit.note(subject, rule.fieldClass, outcome);
  if (outcome === 'CLEAR') return;
  throw new HubError(ErrorCode.FORBIDDEN, `${rule.fieldClass} is available for purpose ACCESS_AUDIT only`);
}

/**
 * `/internal/access-events?subject=<person id>&first=<n>`: this subgraph's part of a person's access log, for
 * population's `accessLog` (AUDIT only). The auditor's own look is logged like any other access, after the read.
 */
async function accessEventsRoute(context: AccessLogRouteContext, params: URLSearchParams) {
  const subject = params.get('subject') ?? '';
  const first = Number(params.get('first') ?? 50);
  const valid = PERSON_ID_PATTERN.test(subject);
  await requireAuditPurpose(context, ACCESS_LOG_READ, valid ? subject : undefined);
  if (!valid) throw new HubError(ErrorCode.BAD_USER_INPUT, 'subject must be a person id');
  if (!Number.isInteger(first) || first < 1 || first > 500) throw new HubError(ErrorCode.BAD_USER_INPUT, 'first must be between 1 and 500');
  return readAccessEvents(context.em.getConnection(), subject, first);
}

/**
 * `/internal/access-log-integrity`: this subgraph's access-log hash chain walked, for population's
 * `accessLogIntegrity` (ACCESS_AUDIT only). Counts and a row id, no row content. The look is logged after the walk.
 */
async function accessLogIntegrityRoute(context: AccessLogRouteContext, department: string) {
  await requireAuditPurpose(context, ACCESS_LOG_INTEGRITY, undefined);
  return accessLogChainState(context.em.getConnection(), department);
}

/**
 * The internal routes every subgraph exposes for the federated access log, by name under `/internal/`:
 * `access-events` and `access-log-integrity`. The subgraph kit registers them next to the department's own.
 */
export function accessLogRoutes(department: string): Record<'access-events' | 'access-log-integrity', AccessLogRoute> {
  return {
    'access-events': accessEventsRoute,
    'access-log-integrity': (context) => accessLogIntegrityRoute(context, department),
  };
}
