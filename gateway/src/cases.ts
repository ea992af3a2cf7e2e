import type { KeyObject } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { CaseRefusal, ErrorCode, HubError, INTERNAL_TOKEN_HEADER, MAX_BATCH_REVIEW_APPLICATIONS, signInternalToken, type Purpose, type RequestIdentity } from '@hub/access';
import type { SubgraphName } from '@hub/topology';

/**
 * The root fields of each case-bound purpose's own casework, which need no case: for 低保, 受理 (it opens the
 * application the later review works on), the list of applications, one application with its status and dates (a
 * decided one is no longer a case) and the published standards; for case investigation, the case register itself
 * (opening, listing and closing cases). No household or person is opened for them.
 */
const CASE_FREE_FIELDS: Partial<Record<Purpose, { mutation: ReadonlySet<string>; query: ReadonlySet<string> }>> = {
  SUBSISTENCE_REVIEW: {
    mutation: new Set(['openAssistanceApplication', '__typename']),
    query: new Set(['assistanceApplications', 'assistanceApplication', 'subsistenceStandards', '__typename']),
  },
  CASE_INVESTIGATION: {
    mutation: new Set(['openInvestigationCase', 'closeInvestigationCase', '__typename']),
    query: new Set(['investigationCases', 'investigationCase', '__typename']),
  },
};
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
 * Which case a request of a case-bound purpose without X-Case-Id works under: none when it only does the purpose's own
 * casework (CASE_FREE_FIELDS); for 低保, a batch when it is only `subsistenceChecks` (its application ids are the
 * cases); otherwise it must name one (CASE_REQUIRED).
 */
export function caseNeedOf(purpose: string | undefined, query: unknown, variables: unknown): CaseNeed {
  const caseFree = purpose ? CASE_FREE_FIELDS[purpose as Purpose] : undefined;
  const operations = caseFree && operationsOf(query);
  if (!caseFree || !operations?.length) return { kind: 'named' };
  if (operations.every((op) => (op.operation === 'mutation' && rootFieldsOnly(op, caseFree.mutation)) || (op.operation === 'query' && rootFieldsOnly(op, caseFree.query)))) {
    return { kind: 'none' };
  }
  if (purpose !== 'SUBSISTENCE_REVIEW') return { kind: 'named' };
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
  refusal?: CaseRefusal;
}

export interface CaseResolver {
  /** The household of the X-Case-Id 低保 case, or CASE_NOT_OPEN. */
  open(identity: RequestIdentity): Promise<{ householdId: string }>;
  /** Each application of a batch review: open or not, and why. */
  statuses(identity: RequestIdentity, applicationIds: string[]): Promise<CaseStatus[]>;
  /** Nothing when the X-Case-Id police case is open for the officer; else CASE_NOT_OPEN. */
  investigation(identity: RequestIdentity): Promise<void>;
}

/** CASE_NOT_OPEN in the department's words, with its reason's code when it is one of ours. */
function notOpen(identity: RequestIdentity, answer: { reason?: string; refusal?: string }): HubError {
  const refusal = Object.values(CaseRefusal).find((known) => known === answer.refusal);
  return new HubError(ErrorCode.CASE_NOT_OPEN, `Case ${identity.caseId} is not open: ${answer.reason ?? 'unknown reason'}`, refusal ? { reason: refusal } : {});
}

/**
 * Asks the department that owns each kind of case whether the request's case is open: civil affairs for 低保
 * applications, public security for police cases (its case register). Nothing is cached: closing the application or
 * the case ends the access with the next request.
 */
export function departmentCaseResolver(subgraphUrls: { 'civil-affairs': string; 'public-security': string }, internalPrivateKey: KeyObject): CaseResolver {
  const ask = async <T>(subgraph: keyof typeof subgraphUrls & SubgraphName, identity: RequestIdentity, route: string, params: Record<string, string>, what: string): Promise<T> => {
    const url = new URL(`/internal/${route}`, subgraphUrls[subgraph]);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    try {
      // For that department only, bound to this route and its query string (a GET has no body).
      const token = await signInternalToken(internalPrivateKey, identity, { subgraph, bound: `${url.pathname}${url.search}` });
      const response = await fetch(url, {
        headers: { [INTERNAL_TOKEN_HEADER]: token, 'x-request-id': identity.requestId },
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as T;
    } catch (error) {
      const department = subgraph === 'civil-affairs' ? 'civil affairs' : 'public security';
      throw new HubError(ErrorCode.CASE_NOT_OPEN, `${what} could not be confirmed: ${department} is unavailable (${(error as Error).message})`, { reason: CaseRefusal.CASE_UNCONFIRMED });
    }
  };
  return {
    async open(identity) {
      const answer = await ask<Partial<CaseStatus>>('civil-affairs', identity, 'case', { id: identity.caseId ?? '' }, `Case ${identity.caseId}`);
      if (!answer.open || !answer.householdId) throw notOpen(identity, answer);
      return { householdId: answer.householdId };
    },
    async statuses(identity, applicationIds) {
      if (applicationIds.length === 0) return [];
      const answer = await ask<CaseStatus[]>('civil-affairs', identity, 'cases', { ids: applicationIds.join(',') }, "The batch's cases");
      return Array.isArray(answer) ? answer : [];
    },
    async investigation(identity) {
      const answer = await ask<{ open?: boolean; reason?: string; refusal?: CaseRefusal }>('public-security', identity, 'case', { id: identity.caseId ?? '' }, `Case ${identity.caseId}`);
      if (answer.open !== true) throw notOpen(identity, answer);
    },
  };
}
