import type { RequestIdentity } from './identity';

/**
 * Where a record lives (its address's grid code) and which household it belongs to. `householdId` left out
 * (undefined) means the record's type has no household (a dwelling, a grid); a record that should name one and
 * does not (null or '') is in no one's scope.
 */
export interface Scope {
  gridCode?: string | null;
  householdId?: string | null;
}

/**
 * The scope of a refusal that carries no one's data (e.g. a batch check that was not run: no application, no
 * household): anyone may be told it. Compared by identity, so no record's own scope can turn into it.
 */
export const NO_ONES_DATA: Scope = Object.freeze({ gridCode: null, householdId: null });

/**
 * Jurisdiction: a record is visible when its grid code lies within the caller's jurisdiction prefix. A
 * 低保 case (SUBSISTENCE_REVIEW) instead opens exactly the members of the case's household (a batch review: of
 * each open application's household), wherever they
 * live; records without a household (dwellings, grids) are then reachable only through those members,
 * because the policy denies civil affairs the root fields that would list them.
 */
const caseHouseholdSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The case households as a set, built once per identity: a batch review checks thousands of records against hundreds of households. */
function caseHouseholds(ids: readonly string[]): ReadonlySet<string> {
  let set = caseHouseholdSets.get(ids);
  if (!set) caseHouseholdSets.set(ids, (set = new Set(ids)));
  return set;
}

export function inScope(identity: Pick<RequestIdentity, 'purpose' | 'jurisdiction' | 'caseHouseholdIds'>, scope: Scope): boolean {
  if (scope === NO_ONES_DATA) return true;
  if (identity.purpose === 'SUBSISTENCE_REVIEW') {
    if (scope.householdId === undefined) return true;
    return !!scope.householdId && !!identity.caseHouseholdIds && caseHouseholds(identity.caseHouseholdIds).has(scope.householdId);
  }
  return !!scope.gridCode && scope.gridCode.startsWith(identity.jurisdiction);
}

/** A person's scope as population states it to the other subgraphs (`Person.accessScope`, via @requires). */
export function formatAccessScope(scope: Scope): string {
  return `${scope.gridCode ?? ''}|${scope.householdId ?? ''}`;
}

export function parseAccessScope(value: unknown): Scope | undefined {
  if (typeof value !== 'string' || !value.includes('|')) return undefined;
  const [gridCode, householdId] = value.split('|');
  return { gridCode: gridCode || null, householdId: householdId || null };
}
