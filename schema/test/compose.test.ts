import {
  Kind,
  buildSchema,
  isInputObjectType,
  isObjectType,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';
import { SUBGRAPHS } from '@hub/topology';
import {
  POLICY_TABLE_FILE,
  SUPERGRAPH_FILE,
  composeSupergraph,
  printPolicyTable,
  printAllSubgraphSdls,
  readIfExists,
  subgraphSchemaFile,
  type CompositionOutcome,
  type SubgraphSdl,
} from '../src/compose';

/** The Graph section of shared/CONTRACT.md: names (and their types) that departments depend on. */
const CONTRACT = /* GraphQL */ `
  type Query {
    person(idNumber: String!): Person
    people(filter: PersonFilter, first: Int, after: String): PersonConnection!
    household(id: ID!): Household
    dwelling(id: ID!): Dwelling
    grid(code: String!): Grid
    grids(regionCode: String): [Grid!]!
    floatingPopulation(filter: FloatingPopulationFilter, first: Int, after: String): FloatingPopulationConnection!
    subsistenceCheck(idNumber: String!): SubsistenceCheck
    subsistenceChecks(applicationIds: [ID!]!): [SubsistenceCheck!]!
    assistanceApplications(status: String, first: Int, after: String): AssistanceApplicationConnection!
    accessLog(idNumber: String!, first: Int): [AccessEvent!]!
    gridEvents(filter: GridEventFilter, first: Int, after: String): GridEventConnection!
    gridEvent(id: ID!): GridEvent
  }

  type Person @key(fields: "id") {
    id: ID!
    name: String
    idNumber: String
    gender: String
    birthDate: String
    phone: String
    populationType: String
    household: Household
    residence: Dwelling
    ownedDwellings: [Dwelling!]
    ownedDwellingCount: Int
    assistance: [AssistanceRecord!]
    receivesAssistance: Boolean
    hasDisability: Boolean
    floatingRegistration: FloatingRegistration
    vehicles: [Vehicle!]
    nonExemptVehicleCount: Int
    keyPerson: KeyPersonRecord
    needsAttention: Boolean
    grid: Grid
  }

  type Mutation {
    openAssistanceApplication(idNumber: String!, authorizationOnFile: Boolean!): AssistanceApplication!
    reportGridEvent(input: ReportGridEventInput!): GridEvent!
  }

  type GridEvent @key(fields: "id") {
    id: ID!
    category: String!
    status: String!
    grid: Grid
    assignedDepartment: String
    deadline: String
    slaLight: String
    version: Int!
    history: [GridEventStep!]!
  }
  input ReportGridEventInput {
    category: String!
    gridCode: String!
    address: String!
    description: String!
  }

  input PersonFilter {
    regionCode: String
    name: String
    populationType: String
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type PersonConnection {
    totalCount: Int!
    nodes: [Person!]!
    pageInfo: PageInfo!
  }
  type FloatingPopulationConnection {
    totalCount: Int!
    nodes: [FloatingRegistration!]!
    pageInfo: PageInfo!
  }
  type AssistanceApplicationConnection {
    totalCount: Int!
    nodes: [AssistanceApplication!]!
    pageInfo: PageInfo!
  }
  type FloatingRegistration {
    person: Person
    inflowReason: String
    residenceType: String
    registeredOn: String
    permitNumber: String
    permitExpiresOn: String
    dwelling: Dwelling
  }
  type AssistanceApplication {
    id: ID!
    status: String!
    applicant: Person
    household: Household
    authorizationOnFile: Boolean!
  }

  type Household @key(fields: "id") {
    id: ID!
    householdNumber: String
    members: [HouseholdMember!]
  }
  type HouseholdMember {
    person: Person
    relationToHead: String
  }
  type Dwelling @key(fields: "id") {
    id: ID!
    address: String
    addressCode: String
    area: Float
    use: String
    grid: Grid
  }
  type Grid @key(fields: "code") {
    code: String!
    name: String
    regionCode: String
    residents(first: Int, after: String): PersonConnection
    dwellings(first: Int, after: String): [Dwelling!]
  }

  type SubsistenceCheck {
    application: AssistanceApplication
    eligible: Boolean!
    reasons: [String!]!
    memberCount: Int!
    perCapitaMonthlyIncome: Float!
    standardMonthly: Float!
    ownedDwellingCount: Int!
    nonExemptVehicleCount: Int!
    checkedAt: String!
  }
`;

type ContractType = Extract<DefinitionNode, { kind: Kind.OBJECT_TYPE_DEFINITION | Kind.INPUT_OBJECT_TYPE_DEFINITION }>;
const contractTypes = parse(CONTRACT).definitions as ContractType[];

/** Every named type the contract mentions, including those it uses without spelling out (Vehicle, AccessEvent…). */
function referencedTypeNames(): string[] {
  const names = new Set<string>(contractTypes.map((type) => type.name.value));
  const walk = (type: TypeNode): void => (type.kind === Kind.NAMED_TYPE ? void names.add(type.name.value) : walk(type.type));
  for (const type of contractTypes) {
    for (const field of type.fields ?? []) {
      walk(field.type);
      for (const argument of ('arguments' in field ? field.arguments : undefined) ?? []) walk(argument.type);
    }
  }
  return [...names].sort();
}

function firstDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  const line = want.findIndex((text, i) => text !== got[i]);
  const at = line === -1 ? want.length : line;
  return `first difference at line ${at + 1}:\n  fresh:       ${JSON.stringify(want[at] ?? '<end of file>')}\n  checked in:  ${JSON.stringify(got[at] ?? '<end of file>')}`;
}

function expectCurrent(file: string, fresh: string): void {
  const checkedIn = readIfExists(file);
  if (checkedIn === undefined) throw new Error(`${file} is missing: run \`npm run compose\` and commit it`);
  if (checkedIn !== fresh) throw new Error(`${file} is stale: run \`npm run compose\` and commit the result\n${firstDifference(fresh, checkedIn)}`);
}

function isInaccessible(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  return (directives ?? []).some((directive) => directive.name.value === 'inaccessible');
}

let subgraphs: SubgraphSdl[];
let outcome: CompositionOutcome;
let supergraph: GraphQLSchema;

beforeAll(async () => {
  subgraphs = await printAllSubgraphSdls();
  outcome = composeSupergraph(subgraphs);
  if (outcome.supergraph) supergraph = buildSchema(outcome.supergraph);
});

describe('checked-in composition', () => {
  it('composes every subgraph without errors', () => {
    expect(subgraphs.map((s) => s.name)).toEqual(SUBGRAPHS.map((s) => s.name));
    if (outcome.errors.length > 0) throw new Error(`composition failed:\n${outcome.errors.map((error) => `  - ${error}`).join('\n')}`);
    expect(outcome.supergraph).toBeDefined();
  });

  it.each(SUBGRAPHS.map((s) => s.name))('subgraphs/%s/schema.graphql is what the subgraph prints', (name) => {
    expectCurrent(subgraphSchemaFile(name), subgraphs.find((s) => s.name === name)!.sdl);
  });

  it('schema/supergraph.graphql is the fresh composition', () => {
    expect(outcome.supergraph).toBeDefined();
    expectCurrent(SUPERGRAPH_FILE, outcome.supergraph!);
  });

  it('docs/access-policy-table.md is the printed policy of every department', () => {
    const table = printPolicyTable();
    for (const { name } of SUBGRAPHS) expect(table).toContain(`## ${name}`);
    expectCurrent(POLICY_TABLE_FILE, table);
  });
});

describe("the supergraph carries CONTRACT.md's Graph section", () => {
  it.each(referencedTypeNames())('has type %s', (name) => {
    expect(supergraph.getType(name)?.name).toBe(name);
  });

  const members = contractTypes.flatMap((type) =>
    (type.fields ?? []).map((field) => ({
      coordinate: `${type.name.value}.${field.name.value}`,
      type: type.name.value,
      field: field.name.value,
      fieldType: print(field.type),
      args: ('arguments' in field ? (field.arguments ?? []) : []).map((argument) => ({ name: argument.name.value, type: print(argument.type) })),
    })),
  );

  it.each(members)('has $coordinate: $fieldType', ({ coordinate, type, field, fieldType, args }) => {
    const named = supergraph.getType(type);
    if (!isObjectType(named) && !isInputObjectType(named)) throw new Error(`${type} is missing or not an object/input type`);
    const found: GraphQLField<unknown, unknown> | GraphQLInputField | undefined = named.getFields()[field];
    if (!found) throw new Error(`${coordinate} is missing from the supergraph`);
    expect({ coordinate, type: String(found.type) }).toEqual({ coordinate, type: fieldType });
    expect({ coordinate, public: !isInaccessible(found.astNode?.directives) }).toEqual({ coordinate, public: true });
    const actualArgs = 'args' in found ? found.args : [];
    for (const arg of args) {
      const actual = actualArgs.find((candidate) => candidate.name === arg.name);
      expect({ argument: `${coordinate}(${arg.name})`, type: actual ? String(actual.type) : 'missing' }).toEqual({ argument: `${coordinate}(${arg.name})`, type: arg.type });
    }
    // Arguments the contract does not name must be optional, or existing callers break.
    for (const extra of actualArgs.filter((candidate) => !args.some((arg) => arg.name === candidate.name))) {
      expect({ argument: `${coordinate}(${extra.name})`, required: String(extra.type).endsWith('!') && extra.defaultValue === undefined }).toEqual({
        argument: `${coordinate}(${extra.name})`,
        required: false,
      });
    }
  });

  const entities = contractTypes.flatMap((type) =>
    (type.directives ?? [])
      .filter((directive) => directive.name.value === 'key')
      .map((directive) => {
        const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
        return { type: type.name.value, key: fields?.kind === Kind.STRING ? fields.value : '' };
      }),
  );

  it.each(entities)('$type is an entity keyed by "$key"', ({ type, key }) => {
    const keys = (supergraph.getType(type)?.astNode?.directives ?? [])
      .filter((directive) => directive.name.value === 'join__type')
      .map((directive) => directive.arguments?.find((argument) => argument.name.value === 'key')?.value)
      .map((value) => (value?.kind === Kind.STRING ? value.value : undefined));
    expect(keys).toContain(key);
  });
});
