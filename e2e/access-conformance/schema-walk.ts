/**
 * The conformance suite's generator: reads each subgraph's checked-in SDL and turns every field into
 * selections that reach it, through `_entities` (direct to the subgraph) and through root fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type TypeNode } from 'graphql';

export interface FieldShape {
  typeName: string;
  name: string;
  /** The named type it returns. */
  returns: string;
  external: boolean;
  inaccessible: boolean;
  requiredArgs: Array<{ name: string; type: string }>;
}

export interface SubgraphShape {
  name: string;
  /** Object type → its fields as this subgraph declares them. */
  types: Map<string, FieldShape[]>;
  /** Entity types this subgraph can resolve (a resolvable @key). */
  entities: Set<string>;
}

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const FEDERATION_TYPES = new Set(['_Service', '_Entity']);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function printType(type: TypeNode): string {
  if (type.kind === Kind.NAMED_TYPE) return type.name.value;
  if (type.kind === Kind.LIST_TYPE) return `[${printType(type.type)}]`;
  return `${printType(type.type)}!`;
}

const hasDirective = (directives: readonly ConstDirectiveNode[] | undefined, name: string) => !!directives?.some((d) => d.name.value === name);

function resolvableKey(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  return !!directives?.some((d) => d.name.value === 'key' && !d.arguments?.some((a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && a.value.value === false));
}

export function readSubgraphShape(name: string): SubgraphShape {
  const document = parse(readFileSync(join(REPOSITORY_ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8'));
  const types = new Map<string, FieldShape[]>();
  const entities = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeName = definition.name.value;
    if (FEDERATION_TYPES.has(typeName)) continue;
    if (resolvableKey(definition.directives)) entities.add(typeName);
    const fields = (definition.fields ?? []).map((field: FieldDefinitionNode) => ({
      typeName,
      name: field.name.value,
      returns: namedType(field.type),
      external: hasDirective(field.directives, 'external'),
      inaccessible: hasDirective(field.directives, 'inaccessible'),
      requiredArgs: (field.arguments ?? []).filter((arg) => arg.type.kind === Kind.NON_NULL_TYPE).map((arg) => ({ name: arg.name.value, type: printType(arg.type) })),
    }));
    types.set(typeName, [...(types.get(typeName) ?? []), ...fields]);
  }
  return { name, types, entities };
}

/** One field the suite observes: where it sits in the response and which policy entry decides it. */
export interface ObservedField {
  /** `Type.field` of the policy entry. */
  key: string;
  /** The response path below the operation's root value, e.g. ['members', 'person', 'name'] (lists are walked). */
  path: string[];
  /** The policy entries of the fields above it: when one of them is denied, this field cannot be reached. */
  ancestors: string[];
}

/**
 * A selection set for `typeName` reaching every field the subgraph resolves, nested objects included, down to
 * `depth` levels; an object field already on the path gets `__typename` only. Fields with required arguments
 * are root fields, which the suite calls one by one.
 */
export function selectionFor(shape: SubgraphShape, typeName: string, options: { depth: number; path?: string[]; seen?: string[]; ancestors?: string[] }, observed: ObservedField[]): string {
  const path = options.path ?? [];
  const seen = [...(options.seen ?? []), typeName];
  const parts: string[] = [];
  for (const field of shape.types.get(typeName) ?? []) {
    if (field.external || field.inaccessible || field.requiredArgs.length > 0) continue;
    const key = `${typeName}.${field.name}`;
    const ancestors = options.ancestors ?? [];
    observed.push({ key, path: [...path, field.name], ancestors });
    if (!shape.types.has(field.returns)) {
      parts.push(field.name);
      continue;
    }
    const nested =
      options.depth > 1 && !seen.includes(field.returns)
        ? selectionFor(shape, field.returns, { depth: options.depth - 1, path: [...path, field.name], seen, ancestors: [...ancestors, key] }, observed)
        : '';
    parts.push(`${field.name} { __typename ${nested} }`);
  }
  return parts.join(' ');
}

/**
 * Every place the field at `path` (below `root`) appears in a response: lists are walked element by element,
 * and a null or missing parent means the field was not reached there (nothing is returned for it).
 */
export function valuesAt(root: unknown, path: readonly string[]): Array<{ value: unknown; concretePath: Array<string | number> }> {
  let current: Array<{ value: unknown; concretePath: Array<string | number> }> = [{ value: root, concretePath: [] }];
  for (const segment of path) {
    const next: typeof current = [];
    for (const item of current) {
      const elements = Array.isArray(item.value) ? item.value.map((value, i) => ({ value, at: [...item.concretePath, i] })) : [{ value: item.value, at: item.concretePath }];
      for (const element of elements) {
        if (element.value === null || element.value === undefined) continue;
        next.push({ value: (element.value as Record<string, unknown>)[segment], concretePath: [...element.at, segment] });
      }
    }
    current = next;
  }
  return current;
}

/** All subgraphs' declarations of a type, merged as the supergraph serves them; `owners` says who resolves each field. */
export function mergeShapes(shapes: SubgraphShape[]): { shape: SubgraphShape; owners: Map<string, string> } {
  const types = new Map<string, FieldShape[]>();
  const owners = new Map<string, string>();
  for (const subgraph of shapes) {
    for (const [typeName, fields] of subgraph.types) {
      const merged = types.get(typeName) ?? [];
      for (const field of fields) {
        if (field.external) continue;
        const key = `${typeName}.${field.name}`;
        if (!owners.has(key)) {
          owners.set(key, subgraph.name);
          merged.push(field);
        } else if (field.inaccessible) {
          merged.splice(
            merged.findIndex((f) => f.name === field.name),
            1,
            field,
          );
        }
      }
      types.set(typeName, merged);
    }
  }
  return { shape: { name: 'supergraph', types, entities: new Set(shapes.flatMap((s) => [...s.entities])) }, owners };
}
