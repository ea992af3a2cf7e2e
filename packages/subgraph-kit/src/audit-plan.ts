import {
  Kind,
  getNamedType,
  isAbstractType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { SubgraphPolicy } from '@hub/access';
import type { AuditPlan, OutcomeGroup } from '@hub/audit';
import { ruleFor } from './enforce-policy';

/**
 * What the request will note in the audit log, per type, known before anything is read: every guarded field the
 * operation selects on each object type (through fragments and `_entities`' type conditions), with the outcome the
 * policy gives the caller's purpose. A type selected at several paths gets the union — a read may then log a class
 * one of its rows did not end up answering, never fewer than it answered (what is not in the plan is appended later).
 */
export function auditPlan(schema: GraphQLSchema, policy: SubgraphPolicy, purpose: string, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): AuditPlan {
  const byType = new Map<string, Map<string, Set<string>>>();
  const visitedFragments = new Set<string>();

  const note = (type: GraphQLObjectType, fieldName: string) => {
    const rule = ruleFor(policy, `${type.name}.${fieldName}`);
    if (!rule || rule.fieldClass === 'structure') return;
    const outcome = rule.outcomes[purpose as keyof typeof rule.outcomes] ?? 'DENIED';
    let outcomes = byType.get(type.name);
    if (!outcomes) byType.set(type.name, (outcomes = new Map()));
    let classes = outcomes.get(outcome);
    if (!classes) outcomes.set(outcome, (classes = new Set()));
    classes.add(rule.fieldClass);
  };

  const objectTypes = (type: GraphQLNamedType | undefined | null): readonly GraphQLObjectType[] => {
    if (!type) return [];
    if (isObjectType(type)) return [type];
    if (isAbstractType(type)) return schema.getPossibleTypes(type);
    return [];
  };

  const visit = (selectionSet: SelectionSetNode, parents: readonly GraphQLObjectType[]) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        for (const parent of parents) {
          const field = parent.getFields()[name];
          if (!field) continue;
          note(parent, name);
          if (selection.selectionSet) visit(selection.selectionSet, objectTypes(getNamedType(field.type)));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? objectTypes(schema.getType(selection.typeCondition.name.value)) : parents;
        visit(
          selection.selectionSet,
          parents.filter((parent) => condition.includes(parent)),
        );
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || visitedFragments.has(fragment.name.value)) continue;
        visitedFragments.add(fragment.name.value);
        const condition = objectTypes(schema.getType(fragment.typeCondition.name.value));
        visit(
          fragment.selectionSet,
          parents.filter((parent) => condition.includes(parent)),
        );
        visitedFragments.delete(fragment.name.value);
      }
    }
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (root) visit(operation.selectionSet, [root]);
  const plan = new Map<string, OutcomeGroup[]>();
  for (const [type, outcomes] of byType)
    plan.set(
      type,
      [...outcomes].map(([outcome, classes]) => ({ outcome, fieldClasses: [...classes].sort() })),
    );
  return plan;
}

/** The plan of every GraphQL operation, set on the request's recorder once Apollo has resolved the operation. */
export function auditPlanPlugin(policy: SubgraphPolicy) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: {
          schema: GraphQLSchema;
          document: { definitions: readonly { kind: string }[] };
          operation?: OperationDefinitionNode;
          contextValue: { audit?: { setPlan(plan: AuditPlan): void; identity: { purpose: string } } };
        }) {
          const { operation, document, schema, contextValue } = requestContext;
          if (!operation || !contextValue.audit) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[(definition as FragmentDefinitionNode).name.value] = definition as FragmentDefinitionNode;
          contextValue.audit.setPlan(auditPlan(schema, policy, contextValue.audit.identity.purpose, operation, fragments));
        },
      };
    },
  };
}
