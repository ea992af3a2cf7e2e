import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { ErrorCode, HubError } from '@hub/access';

export interface QueryLimits {
  /** Nesting of fields (the operation's root fields are depth 1). */
  maxDepth: number;
  /** Aliased fields in one document: aliases are how one request asks the same field thousands of times. */
  maxAliases: number;
  /** Lexical tokens; checked while parsing, so a huge document is refused before it is built. */
  maxTokens: number;
  /** Estimated rows × fields: every field costs 1 times the `first` of each enclosing paged field. */
  maxCost: number;
}

/** A list field's page size when the caller does not give `first` (the subgraphs' own default page). */
const DEFAULT_PAGE = 20;

function tooComplex(message: string): HubError {
  return new HubError(ErrorCode.QUERY_TOO_COMPLEX, message);
}

function pageSize(value: ValueNode | undefined, variables: Record<string, unknown>): number {
  if (!value) return DEFAULT_PAGE;
  const raw = value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.VARIABLE ? Number(variables[value.name.value]) : NaN;
  return Number.isFinite(raw) && raw >= 1 ? Math.min(raw, 1_000_000) : DEFAULT_PAGE;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Depth, aliases and cost of one selection set, fragments inlined. A fragment spread already on the current
 * path is a cycle (graphql validation will refuse it); it adds nothing here.
 */
function measure(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>, onPath: Set<string>): Measure {
  const total: Measure = { depth: 0, aliases: 0, cost: 0 };
  for (const selection of set.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      const child = selection.selectionSet ? measure(selection.selectionSet, fragments, variables, onPath) : { depth: 0, aliases: 0, cost: 0 };
      const first = selection.arguments?.find((a) => a.name.value === 'first');
      const rows = first ? pageSize(first.value, variables) : 1;
      inner = { depth: child.depth + 1, aliases: child.aliases + (selection.alias ? 1 : 0), cost: 1 + rows * child.cost };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragments, variables, onPath);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || onPath.has(name)) continue;
      onPath.add(name);
      inner = measure(fragment.selectionSet, fragments, variables, onPath);
      onPath.delete(name);
    }
    total.depth = Math.max(total.depth, inner.depth);
    total.aliases += inner.aliases;
    total.cost += inner.cost;
  }
  return total;
}

/**
 * Refuses a document over any limit with QUERY_TOO_COMPLEX and a message naming the limit. A document that
 * does not parse is left to Apollo (GRAPHQL_PARSE_FAILED), unless it is over the token limit.
 */
export function checkQueryLimits(query: string, variables: unknown, limits: QueryLimits): void {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    if (/exceeds maximum tokens|Document contains more that/i.test((error as Error).message)) {
      throw tooComplex(`The document has more than ${limits.maxTokens} tokens (the token limit, MAX_QUERY_TOKENS)`);
    }
    return;
  }
  const vars = variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, aliases, cost } = measure(definition.selectionSet, fragments, vars, new Set());
    const name = definition.name ? `Operation ${definition.name.value}` : 'The operation';
    if (depth > limits.maxDepth) throw tooComplex(`${name} is nested ${depth} levels deep; the depth limit is ${limits.maxDepth} (MAX_QUERY_DEPTH)`);
    if (aliases > limits.maxAliases) throw tooComplex(`${name} uses ${aliases} aliases; the alias limit is ${limits.maxAliases} (MAX_QUERY_ALIASES)`);
    if (cost > limits.maxCost) throw tooComplex(`${name} has an estimated cost of ${cost} (fields × requested page sizes); the cost limit is ${limits.maxCost} (MAX_QUERY_COST)`);
  }
}
