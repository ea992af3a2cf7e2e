import type { KeyObject } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { ErrorCode, HubError, INTERNAL_TOKEN_HEADER, MAX_BATCH_REVIEW_APPLICATIONS, signInternalToken, type RequestIdentity } from '@hub/access';

/** Mutations that create a case rather than use one: 受理 opens the application the later review works on. */
const CASE_OPENING_FIELDS = new Set(['openAssistanceApplication', '__typename']);
/**
 * Civil affairs' own casework, without naming one case: the applications (a list, or one with its status and dates —
 * a decided one is no longer a case) and the published standards. No household is opened for it.
 */
const CASEWORK_FIELDS = new Set(['assistanceApplications', 'assistanceApplication', 'subsistenceStandards', '__typename']);
/** A batch review names its cases in the query: each application id is its own case. */
const BATCH_REVIEW_FIELD = 'subsistenceChecks';

/** What a request without X-Case-Id needs, decided from its operations. */
export type CaseNeed = { kind: 'named' } | { kind: 'none' } | { kind: 'batch'; applicationIds: string[] };

function operationsOf(query: unknown): OperationDefinitionNode[] | undefined {
  if (typeof query !== 'string' || query.length > 20_000) return undefined;
  try {
    return parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return undefined; // the gateway's own validation answers a malformed query
  }
}

function rootFieldsOnly(operation: OperationDefinitionNode, allowed: ReadonlySet<string>): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && allowed.has(s.name.value));
}

function stringsOf(value: ValueNode, variables: Record<string, unknown>): string[] {
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Array.isArray(given) ? given.filter((id): id is string => typeof id === 'string') : typeof given === 'string' ? [given] : [];
  }
  if (value.kind === Kind.LIST) return value.values.flatMap((item) => stringsOf(item, variables));
  return value.kind === Kind.STRING ? [value.value] : [];
}

/**
 * Which case a request without X-Case-Id works under: none when it only opens an application or lists civil
 * affairs' own casework; a batch when it is only `subsistenceChecks` (its application ids are the cases);
 * otherwise it must name one (CASE_REQUIRED).
 */
export function caseNeedOf(query: unknown, variables: unknown): CaseNeed {
  const operations = operationsOf(query);
  if (!operations?.length) return { kind: 'named' };
  if (operations.every((op) => (op.operation === 'mutation' && rootFieldsOnly(op, CASE_OPENING_FIELDS)) || (op.operation === 'query' && rootFieldsOnly(op, CASEWORK_FIELDS)))) {
    return { kind: 'none' };
  }
  const batchFields = new Set([BATCH_REVIEW_FIELD, '__typename']);
  if (!operations.every((op) => op.operation === 'query' && rootFieldsOnly(op, batchFields))) return { kind: 'named' };
  const given = variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
  const applicationIds = new Set<string>();
  for (const op of operations) {
    for (const selection of op.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value !== BATCH_REVIEW_FIELD) continue;
      const argument = selection.arguments?.find((a) => a.name.value === 'applicationIds');
      if (argument) for (const id of stringsOf(argument.value, given)) applicationIds.add(id);
    }
  }
  if (applicationIds.size > MAX_BATCH_REVIEW_APPLICATIONS) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `A batch review may name at most ${MAX_BATCH_REVIEW_APPLICATIONS} applications per request; got ${applicationIds.size} (send chunks, as npm run review does)`,
    );
  }
  return { kind: 'batch', applicationIds: [...applicationIds] };
}

/** One case as civil affairs answers it. */
export interface CaseStatus {
  caseId: string;
  open: boolean;
  householdId: string | null;
  reason?: string;
}

export interface CaseResolver {
  /** The household of the X-Case-Id case, or CASE_NOT_OPEN. */
  open(identity: RequestIdentity): Promise<{ householdId: string }>;
  /** Each application of a batch review: open or not, and why. */
  statuses(identity: RequestIdentity, applicationIds: string[]): Promise<CaseStatus[]>;
}

/**
 * Asks civil affairs, which owns 低保 cases, whether the request's cases are open. Nothing is cached:
 * closing the application ends the access with the next request.
 */
export function civilAffairsCaseResolver(civilAffairsGraphqlUrl: string, internalPrivateKey: KeyObject): CaseResolver {
  const base = new URL(civilAffairsGraphqlUrl);
  const ask = async <T>(identity: RequestIdentity, route: string, params: Record<string, string>, what: string): Promise<T> => {
    const url = new URL(`/internal/${route}`, base);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    try {
      // For civil affairs only, bound to this route and its query string (a GET has no body).
      const token = await signInternalToken(internalPrivateKey, identity, { subgraph: 'civil-affairs', bound: `${url.pathname}${url.search}` });
      const response = await fetch(url, {
        headers: { [INTERNAL_TOKEN_HEADER]: token, 'x-request-id': identity.requestId },
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as T;
    } catch (error) {
      throw new HubError(ErrorCode.CASE_NOT_OPEN, `${what} could not be confirmed: civil affairs is unavailable (${(error as Error).message})`);
    }
  };
  return {
    async open(identity) {
      const answer = await ask<Partial<CaseStatus>>(identity, 'case', { id: identity.caseId ?? '' }, `Case ${identity.caseId}`);
      if (!answer.open || !answer.householdId) throw new HubError(ErrorCode.CASE_NOT_OPEN, `Case ${identity.caseId} is not open: ${answer.reason ?? 'unknown reason'}`);
      return { householdId: answer.householdId };
    },
    async statuses(identity, applicationIds) {
      if (applicationIds.length === 0) return [];
      const answer = await ask<CaseStatus[]>(identity, 'cases', { ids: applicationIds.join(',') }, "The batch's cases");
      return Array.isArray(answer) ? answer : [];
    },
  };
}
