/**
 * Every operation the staff console sends is within the gateway's default limits at the largest page the console
 * offers (issue #16: the limits now price unpaged lists, variable defaults and fragments as they run). A limit
 * tightened past what the console needs fails here, not in front of a caseworker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { repositoryRoot } from '@hub/access';
import { loadConfig } from '../../gateway/src/config';
import { checkQueryLimits, schemaForLimits } from '../../gateway/src/limits/query-limits';

/** The console's largest page (its tables offer 10–100 rows; the 复核 and the report form's dwellings ask for 500). */
const LARGEST_PAGE = 500;
/** The 复核 sends its applications in chunks of this many ids. */
const REVIEW_CHUNK = 250;

const root = repositoryRoot();
const generated = readFileSync(join(root, 'console', 'src', 'gql', 'graphql.ts'), 'utf8');
const documents = [...generated.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode/gm)].map(([, name, json]) => [name, JSON.parse(json) as DocumentNode] as const);
const schema = schemaForLimits(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8'));
const { limits } = loadConfig({ ...process.env, NODE_ENV: 'test' });

/** The largest values the console gives an operation's variables: every page size at its largest, every id list full. */
function largestVariables(document: DocumentNode): Record<string, unknown> {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = print(definition.type);
    if (name === 'first') variables[name] = LARGEST_PAGE;
    else if (type.startsWith('[ID')) variables[name] = Array.from({ length: REVIEW_CHUNK }, (_, i) => String(i + 1));
  }
  return variables;
}

it('finds the console operations', () => {
  expect(documents.length).toBeGreaterThan(30);
});

it.each(documents)('%s is within the default limits at the console’s largest page', (_name, document) => {
  expect(() => checkQueryLimits(print(document), largestVariables(document), limits, schema)).not.toThrow();
});
