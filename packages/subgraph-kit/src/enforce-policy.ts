import { defaultFieldResolver, getNamedType, isListType, isNonNullType, isObjectType, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { ErrorCode, HubError, inScope, mask, type FieldRule, type RequestIdentity, type Scope, type SubgraphPolicy } from '@hub/access';
import type { AuditRecorder } from '@hub/audit';

/** Federation plumbing: allowed once the internal token is verified (the field rules still hold inside `_entities`). */
const FEDERATION_FIELDS = new Set(['Query._service', 'Query._entities', '_Service.sdl']);

interface PolicyContext {
  identity: RequestIdentity;
  audit: AuditRecorder;
}

function isPromise<T>(value: unknown): value is Promise<T> {
  return !!value && typeof (value as Promise<T>).then === 'function';
}

function then<T, R>(value: T | Promise<T>, next: (resolved: T) => R): R | Promise<R> {
  return isPromise<T>(value) ? value.then(next) : next(value);
}

function isListField(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** Every object-type field of the schema that needs a policy entry. */
export function guardedFieldKeys(schema: GraphQLSchema): string[] {
  const keys: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) {
      const key = `${type.name}.${field}`;
      if (!FEDERATION_FIELDS.has(key)) keys.push(key);
    }
  }
  return keys.sort();
}

export function ruleFor(policy: SubgraphPolicy, key: string): FieldRule | undefined {
  return policy.fields[key] ?? policy.fields[`${key.split('.')[0]}.*`];
}

function outOfJurisdiction(typeName: string): HubError {
  return new HubError(ErrorCode.OUT_OF_JURISDICTION, `This ${typeName} is outside your jurisdiction`);
}

/**
 * Deny by default, enforced where the data lives: every field of the executable subgraph schema gets the
 * outcome its department's policy gives the request's purpose (CLEAR, MASKED, DERIVED or DENIED → FORBIDDEN
 * at that path), entity references and returned records are checked against the caller's jurisdiction, and
 * every outcome is noted for the audit log. A field without a policy entry stops the subgraph from starting.
 * Structural fields (clear for everyone, nothing to audit) keep their resolver untouched.
 */
export function enforcePolicy(schema: GraphQLSchema, policy: SubgraphPolicy): GraphQLSchema {
  const missing = guardedFieldKeys(schema).filter((key) => !ruleFor(policy, key));
  if (missing.length > 0) throw new Error(`fields without an access-policy entry (denied; add them to policy.ts): ${missing.join(', ')}`);
  const scopes = policy.scopes ?? {};
  const subjects = policy.subjects ?? {};

  const allowedValue = (typeName: string, value: unknown, context: PolicyContext): boolean => {
    const scopeOf = scopes[typeName];
    if (!scopeOf || value === null || value === undefined) return true;
    const scope: Scope | undefined = scopeOf(value);
    if (scope === undefined) return true; // a reference this subgraph does not own: its owner checks
    const allowed = inScope(context.identity, scope);
    if (!allowed) context.audit.note(subjects[typeName]?.(value), `${typeName.toLowerCase()}.record`, 'OUT_OF_JURISDICTION');
    return allowed;
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    wrapReferenceResolver(type, scopes[type.name], subjects[type.name]);
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const key = `${type.name}.${fieldName}`;
      if (FEDERATION_FIELDS.has(key)) continue;
      const rule = ruleFor(policy, key)!;
      const returnedType = getNamedType(field.type).name;
      const checksReturned = !!scopes[returnedType];
      const structural = rule.fieldClass === 'structure';
      if (structural && rule.roles) throw new Error(`${key}: a structural field is clear for everyone and cannot be limited to roles; give it its own row`);
      if (structural && !checksReturned) continue;
      const resolve: GraphQLFieldResolver<unknown, PolicyContext> = field.resolve ?? defaultFieldResolver;
      const subjectOf = subjects[type.name];
      const list = isListField(field.type);
      field.resolve = (source, args, context: PolicyContext, info) => {
        if (!structural) {
          const purposeOutcome = rule.outcomes[context.identity.purpose] ?? 'DENIED';
          // The purpose decides first; a purpose that may use the field is then held to the roles the row names.
          const roleRefused = purposeOutcome !== 'DENIED' && !!rule.roles && !rule.roles.includes(context.identity.role);
          const outcome = roleRefused ? 'DENIED' : purposeOutcome;
          context.audit.note(subjectOf?.(source), rule.fieldClass, outcome);
          if (roleRefused) throw new HubError(ErrorCode.FORBIDDEN, `${key} is for ${rule.roles!.join(' or ')}; you are ${context.identity.dept} / ${context.identity.role}`);
          if (outcome === 'DENIED') {
            throw new HubError(ErrorCode.FORBIDDEN, `${key} is not available for purpose ${context.identity.purpose}`);
          }
          if (outcome === 'MASKED') return then(resolve(source, args, context, info), (value) => (Array.isArray(value) ? value.map((v) => mask(rule.mask!, v)) : mask(rule.mask!, value)));
        }
        const result = resolve(source, args, context, info);
        if (!checksReturned) return result;
        return then(result, (value) => {
          if (list && Array.isArray(value)) return value.filter((item) => allowedValue(returnedType, item, context));
          if (!allowedValue(returnedType, value, context)) throw outOfJurisdiction(returnedType);
          return value;
        });
      };
    }
  }
  return schema;
}

/** Entity references are checked like root lookups: a record outside the jurisdiction comes back null with OUT_OF_JURISDICTION. */
function wrapReferenceResolver(type: GraphQLObjectType, scopeOf: ((value: any) => Scope | undefined) | undefined, subjectOf: ((value: any) => string | null | undefined) | undefined): void {
  if (!scopeOf) return;
  const extensions = type.extensions as { apollo?: { subgraph?: { resolveReference?: (reference: unknown, context: PolicyContext, info: unknown) => unknown } } };
  const holder = ((extensions.apollo ??= {}).subgraph ??= {});
  const original = holder.resolveReference ?? ((reference: unknown) => reference);
  holder.resolveReference = (reference, context, info) =>
    // Always a promise: a synchronous throw would fail every representation of the batch, not just this one.
    Promise.resolve(original(reference, context, info)).then((value) => {
      if (value === null || value === undefined) return value;
      // The record's own scope where this subgraph loaded it, else the scope population stated in the representation.
      const scope = scopeOf(value) ?? scopeOf(reference);
      if (scope === undefined || !inScope(context.identity, scope)) {
        context.audit.note(subjectOf?.(value), `${type.name.toLowerCase()}.record`, 'OUT_OF_JURISDICTION');
        throw outOfJurisdiction(type.name);
      }
      return value;
    });
}
