import type { KeyObject } from 'node:crypto';
import { parse, type OperationDefinitionNode } from 'graphql';
import { ErrorCode, HubError, INTERNAL_TOKEN_HEADER, signInternalToken, type RequestIdentity } from '@hub/access';

/** Mutations that create a case rather than use one: 受理 opens the application the later review works on. */
const CASE_OPENING_FIELDS = new Set(['openAssistanceApplication', '__typename']);

/** True when every operation of the document is a mutation made only of case-opening fields. */
export function opensCase(query: unknown): boolean {
  if (typeof query !== 'string' || query.length > 20_000) return false;
  try {
    const operations = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    return operations.length > 0 && operations.every((op) => op.operation === 'mutation' && op.selectionSet.selections.every((s) => s.kind === 'Field' && CASE_OPENING_FIELDS.has(s.name.value)));
  } catch {
    return false;
  }
}

export type CaseResolver = (identity: RequestIdentity) => Promise<{ householdId: string }>;

/**
 * Asks civil affairs, which owns 低保 cases, whether the request's case is open; refuses with CASE_NOT_OPEN
 * otherwise. Nothing is cached: closing the application ends the access with the next request.
 */
export function civilAffairsCaseResolver(civilAffairsGraphqlUrl: string, internalPrivateKey: KeyObject): CaseResolver {
  const base = new URL(civilAffairsGraphqlUrl);
  return async (identity) => {
    const url = new URL('/internal/case', base);
    url.searchParams.set('id', identity.caseId ?? '');
    let answer: { open?: boolean; householdId?: string | null; reason?: string };
    try {
      const response = await fetch(url, {
        headers: { [INTERNAL_TOKEN_HEADER]: await signInternalToken(internalPrivateKey, identity), 'x-request-id': identity.requestId },
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      throw new HubError(ErrorCode.CASE_NOT_OPEN, `Case ${identity.caseId} could not be confirmed: civil affairs is unavailable (${(error as Error).message})`);
    }
    if (!answer.open || !answer.householdId) throw new HubError(ErrorCode.CASE_NOT_OPEN, `Case ${identity.caseId} is not open: ${answer.reason ?? 'unknown reason'}`);
    return { householdId: answer.householdId };
  };
}
