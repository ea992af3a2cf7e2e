import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode, HubError } from '@hub/access';

export interface QueryLimits {
  /** Nesting of fields (the operation's root fields are depth 1). */
  maxDepth: number;
  /** Aliased fields in one document: aliases are how one request asks the same field thousands of times. */
  maxAliases: number;
  /** Lexical tokens; checked while parsing, so a huge document is refused before it is built. */
  maxTokens: number;
  /** Estimated rows × fields: every field costs 1 times the rows of each enclosing list field. */
  maxCost: number;
}

/** A list field's page size when the caller does not give `first` (the subgraphs' own default page). */
const DEFAULT_PAGE = 20;

/**
 * Rows an unpaged list answers at most, as its subgraph bounds it; a list not named here is priced as a default
 * page. A connection's `nodes` is not here: its rows are the connection's `first`, priced on the paged field.
 */
const UNPAGED_LIST_ROWS: Record<string, number> = {
  // A district's grids (the seeded city has ~1,400): the grid tree asks for all of them with two counts each.
  'Query.grids': 2000,
  'Query.gridEventStatistics': 2000,
  // A city's districts, or one region's children; a district has some 10–30 streets and a street 10–30 communities.
  'Query.regions': 20,
  'Region.children': 30,
  'Query.eventCategories': 100,
  'Query.subsistenceStandards': 100,
  // One row per id asked for: priced by the ids the request names (MAX_BATCH_REVIEW_APPLICATIONS caps them at 250).
  'Query.subsistenceChecks': 250,
  'GridEvent.attachments': 5,
};

/** Lists whose rows are the number of ids an argument names. */
const ROWS_FROM_LIST_ARGUMENT: Record<string, string> = { 'Query.subsistenceChecks': 'applicationIds' };

function tooComplex(message: string): HubError {
  return new HubError(ErrorCode.QUERY_TOO_COMPLEX, message);
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

const NOTHING: Measure = { depth: 0, aliases: 0, cost: 0 };

/** The API's types, read from the supergraph's SDL: enough to know which fields are lists and what they return. */
export function schemaForLimits(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
}

/**
 * Measures one operation: depth, aliases and cost, fragments inlined. Each fragment is measured once, however often
 * it is spread (a document of fragments that each spread the next twice is linear work, not 2^n), and the walk
 * stops at the first field whose measure passes a limit.
 */
class OperationMeasure {
  private readonly fragmentMeasures = new Map<string, Measure>();
  private readonly onPath = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema | undefined,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly defaults: Map<string, ValueNode>,
    private readonly limits: QueryLimits,
    private readonly name: string,
  ) {}

  run(operation: OperationDefinitionNode): Measure {
    const root = operation.operation === 'mutation' ? this.schema?.getMutationType() : operation.operation === 'subscription' ? this.schema?.getSubscriptionType() : this.schema?.getQueryType();
    return this.selectionSet(operation.selectionSet, root ?? undefined);
  }

  private selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined): Measure {
    const total: Measure = { depth: 0, aliases: 0, cost: 0 };
    for (const selection of set.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        inner = this.field(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selectionSet(selection.selectionSet, selection.typeCondition ? (this.schema?.getType(selection.typeCondition.name.value) ?? undefined) : parent);
      } else {
        inner = this.fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.cost += inner.cost;
      this.check(total);
    }
    return total;
  }

  /** A fragment spread on the current path is a cycle (validation refuses it); it adds nothing here. */
  private fragment(name: string): Measure {
    const known = this.fragmentMeasures.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.onPath.has(name)) return NOTHING;
    this.onPath.add(name);
    const measured = this.selectionSet(fragment.selectionSet, this.schema?.getType(fragment.typeCondition.name.value) ?? undefined);
    this.onPath.delete(name);
    this.fragmentMeasures.set(name, measured);
    return measured;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined): Measure {
    const definition = parent && isObjectType(parent) ? parent.getFields()[node.name.value] : undefined;
    const child = node.selectionSet ? this.selectionSet(node.selectionSet, definition ? getNamedType(definition.type) : undefined) : NOTHING;
    const rows = this.rows(node, parent, definition ? isListType(getNullableType(definition.type)) : false);
    const measured = { depth: child.depth + 1, aliases: child.aliases + (node.alias ? 1 : 0), cost: 1 + rows * child.cost };
    this.check(measured);
    return measured;
  }

  /** Rows the field answers: its `first` (given, from a variable or its default), else an unpaged list's bound, else one. */
  private rows(node: FieldNode, parent: GraphQLNamedType | undefined, isList: boolean): number {
    const first = node.arguments?.find((a) => a.name.value === 'first');
    if (first) return this.pageSize(first.value);
    if (!isList || node.name.value === 'nodes') return 1;
    const key = `${parent?.name}.${node.name.value}`;
    const listArgument = ROWS_FROM_LIST_ARGUMENT[key];
    if (listArgument) {
      const given = node.arguments?.find((a) => a.name.value === listArgument);
      const value = given ? this.valueOf(given.value) : undefined;
      if (Array.isArray(value)) return Math.max(1, value.length);
    }
    return UNPAGED_LIST_ROWS[key] ?? DEFAULT_PAGE;
  }

  private pageSize(value: ValueNode): number {
    const raw = Number(this.valueOf(value));
    return Number.isFinite(raw) && raw >= 1 ? Math.min(raw, 1_000_000) : DEFAULT_PAGE;
  }

  /** A literal's value, or a variable's: as sent, else the operation's default for it (a default is what runs). */
  private valueOf(value: ValueNode): unknown {
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (this.variables[name] !== undefined && this.variables[name] !== null) return this.variables[name];
      const fallback = this.defaults.get(name);
      return fallback ? this.valueOf(fallback) : undefined;
    }
    if (value.kind === Kind.INT || value.kind === Kind.FLOAT) return Number(value.value);
    if (value.kind === Kind.LIST) return value.values.map((item) => this.valueOf(item));
    if (value.kind === Kind.STRING) return value.value;
    return undefined;
  }

  private check({ depth, aliases, cost }: Measure): void {
    const { limits, name } = this;
    if (depth > limits.maxDepth) throw tooComplex(`${name} is nested ${depth} levels deep; the depth limit is ${limits.maxDepth} (MAX_QUERY_DEPTH)`);
    if (aliases > limits.maxAliases) throw tooComplex(`${name} uses ${aliases} aliases; the alias limit is ${limits.maxAliases} (MAX_QUERY_ALIASES)`);
    if (cost > limits.maxCost) throw tooComplex(`${name} has an estimated cost of ${cost} or more (fields × rows of the lists around them); the cost limit is ${limits.maxCost} (MAX_QUERY_COST)`);
  }
}

/**
 * Refuses a document over any limit with QUERY_TOO_COMPLEX and a message naming the limit. A document that
 * does not parse is left to Apollo (GRAPHQL_PARSE_FAILED), unless it is over the token limit. The token limit
 * comes first: it bounds the work of everything after it.
 */
export function checkQueryLimits(query: string, variables: unknown, limits: QueryLimits, schema?: GraphQLSchema): void {
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
    const defaults = new Map<string, ValueNode>();
    for (const variable of definition.variableDefinitions ?? []) if (variable.defaultValue) defaults.set(variable.variable.name.value, variable.defaultValue);
    const name = definition.name ? `Operation ${definition.name.value}` : 'The operation';
    new OperationMeasure(schema, fragments, vars, defaults, limits, name).run(definition);
  }
}
