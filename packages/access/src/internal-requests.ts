import { createHash } from 'node:crypto';
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { SUBGRAPHS } from '@hub/topology';

/** The audience of an internal token for one subgraph: `gridhub-subgraph:housing`. */
export function subgraphAudience(subgraph: string): string {
  return `gridhub-subgraph:${subgraph}`;
}

/**
 * One request to a subgraph, as its internal token binds it. `bound` is the exact text received: the body of a
 * POST (the gateway's `{"query":…,"variables":…}` as it serialised it), or the path and query string of a GET
 * (`/internal/case?id=A1`, which has no body).
 */
export interface InternalRequest {
  subgraph: string;
  bound: string;
}

/** sha256 of the bound text, base64url: what the token's `op` claim names. */
export function requestDigest(bound: string): string {
  return createHash('sha256').update(bound, 'utf8').digest('base64url');
}

/** Tokens for a subgraph's own calls to its peers, by peer and route (`graphql` or an internal route's name). */
export type OnwardTokens = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The one question civil affairs asks population while opening an application (ADR 0010). */
export const APPLICANT_HOUSEHOLD_QUERY = 'query ApplicantHousehold($idNumber: String!) { applicantHousehold(idNumber: $idNumber) { householdId gridCode } }';

interface OnwardCall {
  /** The root field whose resolver makes the call. */
  field: string;
  /** Every other subgraph, or the ones named. */
  peers: 'others' | readonly string[];
  route: string;
  /** For `graphql`: the one document the onward token allows. */
  document?: string;
}

/**
 * The calls a subgraph makes to its peers while resolving a root field, with the user's identity. The gateway
 * cannot bind them to a body it never sees, so it grants each peer one token for that route (and document) only,
 * for as many calls as the field is asked for; the peer refuses any other use.
 */
export const ONWARD_CALLS: Readonly<Record<string, readonly OnwardCall[]>> = {
  population: [
    { field: 'accessLog', peers: 'others', route: 'access-events' },
    { field: 'accessLogIntegrity', peers: 'others', route: 'access-log-integrity' },
  ],
  'civil-affairs': [{ field: 'openAssistanceApplication', peers: ['population'], route: 'graphql', document: APPLICANT_HOUSEHOLD_QUERY }],
  // 网格划分调整: the grid center's boundary change reaches the copies of housing, population, then public security (ADR 0020).
  grid: [{ field: 'assignDwellingsToGrid', peers: ['housing', 'population', 'public-security'], route: 'grid-assignment' }],
};

function documentOf(bound: string): string | undefined {
  try {
    const query = (JSON.parse(bound) as { query?: unknown }).query;
    return typeof query === 'string' ? query : undefined;
  } catch {
    return undefined;
  }
}

/** The digest of a GraphQL POST body's document (its `query`), for an onward token's `doc`; undefined when there is none. */
export function documentDigestOf(bound: string): string | undefined {
  const document = documentOf(bound);
  return document === undefined ? undefined : requestDigest(document);
}

/** How often each root field is asked for in the body's operations (aliases count; fragments are followed). */
function rootFieldCounts(document: DocumentNode): Map<string, number> {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const counts = new Map<string, number>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) counts.set(selection.name.value, (counts.get(selection.name.value) ?? 0) + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value) && fragments.has(selection.name.value)) visit(fragments.get(selection.name.value)!, new Set([...seen, selection.name.value]));
    }
  };
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, new Set());
  return counts;
}

/**
 * The onward calls a request to `subgraph` may make, each with its number of uses. Almost every body names none of
 * the fields, and the substring test keeps the gateway from parsing those (their representations can be large).
 */
export function onwardCallsOf(subgraph: string, bound: string): Array<{ peer: string; route: string; document?: string; uses: number }> {
  const calls = ONWARD_CALLS[subgraph];
  if (!calls?.some((call) => bound.includes(call.field))) return [];
  const text = documentOf(bound);
  if (text === undefined) return [];
  let counts: Map<string, number>;
  try {
    counts = rootFieldCounts(parse(text));
  } catch {
    return []; // the subgraph refuses a malformed document itself
  }
  return calls.flatMap((call) => {
    const uses = counts.get(call.field) ?? 0;
    if (uses === 0) return [];
    const peers = call.peers === 'others' ? SUBGRAPHS.map((s) => s.name as string).filter((name) => name !== subgraph) : call.peers;
    return peers.map((peer) => ({ peer, route: call.route, document: call.document, uses }));
  });
}
