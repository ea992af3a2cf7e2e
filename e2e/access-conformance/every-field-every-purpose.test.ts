/**
 * The access policy, cell by cell, against the running hub. Generated from the subgraphs' checked-in SDL and
 * their policy.ts: every field × every department/purpose of ACCESS-POLICY.md, through `_entities` (straight to
 * the owning subgraph with a gateway-signed token, as the gateway would call it) and through root fields (the
 * subgraphs' own roots, and person/household/dwelling/grid through the gateway). Each observed outcome must be
 * the one the policy gives; each policy must say what ACCESS-POLICY.md's table says; no cell may go unseen.
 */
import { POLICY_COLUMNS, isMaskedValue, mask, row, type Masking, type Outcome, type Purpose, type Role, type SubgraphPolicy } from '@hub/access';
import { ACCESS_LOG_INTEGRITY, accessLogSql, verifyAccessLog } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { SUBGRAPHS, type SubgraphName } from '@hub/topology';
import { guardedFieldKeys, ruleFor } from '@hub/subgraph-kit';
import { asGateway, internalToken, postGraphQL, signedAuthorization, startHub, testSeedManifest, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';
import { buildASTSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { civilAffairsPolicy } from '../../subgraphs/civil-affairs/src/policy';
import { gridPolicy } from '../../subgraphs/grid/src/policy';
import { DWELLING_GRID_COPY, housingPolicy } from '../../subgraphs/housing/src/policy';
import { RESIDENCE_GRID_COPY, populationPolicy } from '../../subgraphs/population/src/policy';
import { REGISTRATION_GRID_COPY, publicSecurityPolicy } from '../../subgraphs/public-security/src/policy';
import { ACCESS_POLICY_V1 } from './access-policy-v1';
import { plantCorrectionRequests } from './corrections';
import { mergeShapes, readSubgraphShape, selectionFor, valuesAt, type ObservedField, type SubgraphShape } from './schema-walk';
import { plantGridEvents, type PlantedEvents } from './grid-events';
import { pickSubjects, type Subject } from './subjects';

const POLICIES: Record<SubgraphName, SubgraphPolicy> = {
  population: populationPolicy,
  housing: housingPolicy,
  'civil-affairs': civilAffairsPolicy,
  'public-security': publicSecurityPolicy,
  grid: gridPolicy,
};

/** Who calls in each column of the table: a district-level user of the purpose's department. */
const CALLERS: Record<Purpose, TestUser & { caseId?: string }> = {
  POPULATION_ADMINISTRATION: { dept: 'POPULATION', jurisdiction: '120112' },
  HOUSING_ADMINISTRATION: { dept: 'HOUSING', jurisdiction: '120112' },
  SUBSISTENCE_REVIEW: { dept: 'CIVIL_AFFAIRS', jurisdiction: '120112' },
  FLOATING_POPULATION_MANAGEMENT: { dept: 'PUBLIC_SECURITY', jurisdiction: '120112' },
  CASE_INVESTIGATION: { dept: 'PUBLIC_SECURITY', jurisdiction: '120112', caseId: 'XJ-2026-0042' },
  GRID_SERVICE: { dept: 'GRID', jurisdiction: '120112' },
  ACCESS_AUDIT: { dept: 'AUDIT', jurisdiction: '120112', role: 'AUDITOR' },
};

/** An open, authorized planted application: a 低保 check of another household than the subject's. */
const ANY_OPEN_APPLICATION = testSeedManifest().planted.eligibleApplications.find((a) => a.authorizationOnFile)!.applicationId;

/** Arguments for root fields that need them, from the subject being looked at. A new root field with required arguments must be added here. */
const ROOT_ARGUMENTS: Record<string, (subject: Subject, purpose: Purpose) => Record<string, unknown> | undefined> = {
  'Query.person': (s) => ({ idNumber: s.idNumber }),
  'Query.household': (s) => ({ id: s.householdId }),
  'Query.accessLog': (s) => ({ idNumber: s.idNumber }),
  // Population's internal question for 受理 (civil affairs asks it with the caseworker's token; not on the gateway).
  'Query.applicantHousehold': (s) => ({ idNumber: s.idNumber }),
  // One application of the jurisdiction: the subject's own when there is one.
  'Query.assistanceApplication': (s) => (s.applicationId ? { id: s.applicationId } : undefined),
  // The register's district-wide open case the CASE_INVESTIGATION caller works under.
  'Query.investigationCase': () => ({ caseNumber: CALLERS.CASE_INVESTIGATION.caseId }),
  'Query.dwelling': (s) => ({ id: s.dwellingId }),
  'Query.grid': (s) => ({ code: s.gridCode }),
  // Only through the gateway (below): a 核对's verdict needs the facts the gateway gathers from the other departments.
  'Query.subsistenceCheck': () => undefined,
  'Query.subsistenceChecks': () => undefined,
  'Query.discrepancies': (s) => ({ regionCode: s.gridCode }),
  // An event of the subject's grid that the purpose's department may see (planted below: a department sees what was dispatched to it).
  'Query.gridEvent': (s, purpose) => ({ id: planted.eventFor(s, purpose) }),
  'Query.gridEventStatistics': () => ({ groupBy: 'STREET' }),
  // A request addressed to the caller's department (another department's is null, as if there were none); the grid center sees any.
  'Query.correctionRequest': (_s, purpose) => ({ id: correctionRequestIds[CALLERS[purpose].dept] ?? correctionRequestIds.POPULATION }),
};

/** Types (or single fields) the generated cases cannot reach, and why. Each entry is a gap to close, not a pass. */
const NOT_GENERATED: Record<string, string> = {
  Mutation: 'mutations change data: checked one by one in "opens an application only for civil affairs" below',
  Discrepancy:
    'decided across departments: a subgraph called alone has none of the facts the gateway brings (@requires), so its reports are empty; every kind × purpose is checked through the gateway in e2e/grid-center',
  DiscrepancyRecord: 'inside Discrepancy (see above): checked through the gateway in e2e/grid-center',
  PersonCorrection: "returned only by population's recordMoveOut, which changes a record: its fields are read in e2e/corrections",
  OwnershipTransfer: "returned only by housing's recordOwnershipTransfer, which changes a record: its fields are read in e2e/write-paths",
  DwellingGridAssignment: "returned only by the grid's assignDwellingsToGrid, which changes records in three departments: its fields are read in e2e/write-paths",
  // Null while every chain is intact (as here); a broken chain's row, position and reason, and a department that does not answer,
  // are checked in e2e/audit-integrity.
  'AccessLogChainState.firstBrokenRowId|ACCESS_AUDIT': 'null while the chains are intact: see e2e/audit-integrity',
  'AccessLogChainState.firstBrokenPosition|ACCESS_AUDIT': 'null while the chains are intact: see e2e/audit-integrity',
  'AccessLogChainState.brokenReason|ACCESS_AUDIT': 'null while the chains are intact: see e2e/audit-integrity',
  'AccessLogChainState.problem|ACCESS_AUDIT': 'null while every department answers: see e2e/audit-integrity',
};

const ENTITY_REPRESENTATIONS: Record<string, (s: Subject, purpose: Purpose) => Record<string, unknown>> = {
  Person: (s) => ({ __typename: 'Person', id: s.personId, accessScope: s.accessScope, residence: { id: s.dwellingId } }),
  Household: (s) => ({ __typename: 'Household', id: s.householdId }),
  Dwelling: (s) => ({ __typename: 'Dwelling', id: s.dwellingId }),
  Grid: (s) => ({ __typename: 'Grid', code: s.gridCode }),
  // A check of the subject's own application when there is one (else of a planted one: then not run for this household), with
  // the household facts the gateway would have gathered: here none, so the verdict is computed from no members.
  SubsistenceCheck: (s) => ({ __typename: 'SubsistenceCheck', id: `${s.applicationId ?? ANY_OPEN_APPLICATION}-conformance`, householdId: s.householdId ?? '', household: { members: [] } }),
  // The report of the subject's grid, today, first page: without the facts the gateway would bring, so empty.
  DiscrepancyReport: (s) => ({ __typename: 'DiscrepancyReport', id: `${s.gridCode}|${new Date().toISOString().slice(0, 10)}|20|` }),
  GridEvent: (s, purpose) => ({ __typename: 'GridEvent', id: planted.eventFor(s, purpose) }),
};

/** Root lists whose rows depend on the caller's department (a department sees the grid events dispatched to it). */
const PER_DEPARTMENT_LISTS = new Set(['Query.gridEvents', 'Query.myEventQueue', 'Query.overdueGridEvents']);

/** Where a root field's value is observed: per subject, or per purpose for the per-department lists. */
function rootSpot(subgraph: string, key: string, subject: Subject, purpose: Purpose): string {
  return `${subgraph}|${key}|${PER_DEPARTMENT_LISTS.has(key) ? purpose : subject.personId}`;
}

interface Observation {
  via: string;
  key: string;
  purpose: Purpose;
  expected: Outcome;
  observed: string;
  value: unknown;
  /** Identifies the same value across purposes (for checking a mask against the clear value). */
  spot: string;
}

let hub: RunningHub;
let subjects: Subject[];
let planted: PlantedEvents;
/** A correction request about the first subject, addressed to each answering department (see corrections.ts). */
let correctionRequestIds: Record<string, string> = {};
const shapes: SubgraphShape[] = SUBGRAPHS.map(({ name }) => readSubgraphShape(name));
const observations: Observation[] = [];
/** Cells that cannot be reached on some path because a field above them (or the root field) is denied. */
const shadowed = new Set<string>();

function expectedOutcome(owner: SubgraphName, key: string, purpose: Purpose): Outcome {
  const rule = ruleFor(POLICIES[owner], key);
  if (!rule) throw new Error(`${owner} has no policy entry for ${key}`);
  return rule.outcomes[purpose];
}

function observedOutcome(response: GraphQLResponse, fullPath: Array<string | number>, value: unknown, format?: Masking): string {
  const at = JSON.stringify(fullPath);
  const error = response.errors?.find((e) => JSON.stringify(e.path) === at);
  if (error) return error.extensions?.code === 'FORBIDDEN' ? 'DENIED' : `${error.extensions?.code}: ${error.message}`;
  if (isMaskedValue(format ?? 'idNumber', value)) return 'MASKED';
  if (value === null || value === undefined) return 'NULL'; // no value to show: consistent with CLEAR and MASKED, never with DENIED
  return 'CLEAR';
}

/** Records the outcome of every observed field of one response. */
function record(
  via: string,
  owners: (key: string) => SubgraphName,
  purpose: Purpose,
  response: GraphQLResponse,
  root: Array<string | number>,
  rootValue: unknown,
  fields: ObservedField[],
  spotPrefix: string,
): void {
  for (const field of fields) {
    const owner = owners(field.key);
    if (field.ancestors.some((ancestor) => expectedOutcome(owners(ancestor), ancestor, purpose) === 'DENIED')) {
      shadowed.add(`${field.key}|${purpose}`);
      continue;
    }
    for (const { value, concretePath } of valuesAt(rootValue, field.path)) {
      const fullPath = [...root, ...concretePath];
      observations.push({
        via,
        key: field.key,
        purpose,
        expected: expectedOutcome(owner, field.key, purpose),
        observed: observedOutcome(response, fullPath, value, ruleFor(POLICIES[owner], field.key)?.mask),
        value,
        spot: `${spotPrefix}${JSON.stringify(concretePath)}`,
      });
    }
  }
}

async function headersFor(purpose: Purpose, subject: Subject, role?: Role): Promise<Record<string, string>> {
  const caller = CALLERS[purpose];
  const token = await internalToken({
    ...caller,
    ...(role ? { role } : {}),
    purpose,
    caseId: purpose === 'SUBSISTENCE_REVIEW' ? (subject.applicationId ?? 'A-DIRECT') : caller.caseId,
    caseHouseholdIds: purpose === 'SUBSISTENCE_REVIEW' ? [subject.householdId] : undefined,
  });
  return { 'x-gridhub-internal-token': token };
}

beforeAll(async () => {
  hub = await startHub();
  subjects = await pickSubjects();
  planted = await plantGridEvents(subjects);
  correctionRequestIds = await plantCorrectionRequests(subjects[0]);
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('every policy says what ACCESS-POLICY.md says', () => {
  it.each(Object.entries(ACCESS_POLICY_V1))('%s', (key, { owner, cells }) => {
    const expected = row(key, cells, 'name').outcomes;
    const rule = ruleFor(POLICIES[owner as SubgraphName], key);
    expect(rule?.outcomes).toEqual(expected);
  });

  it('every field of every subgraph has a policy entry (a field without one would stop the subgraph starting)', () => {
    for (const { name } of SUBGRAPHS) {
      const schema = buildASTSchema(parse(readFileSync(join(__dirname, '..', '..', 'subgraphs', name, 'schema.graphql'), 'utf8')), { assumeValidSDL: true });
      const missing = guardedFieldKeys(schema).filter((key) => !key.startsWith('_') && !ruleFor(POLICIES[name], key));
      expect({ subgraph: name, missing }).toEqual({ subgraph: name, missing: [] });
    }
  });
});

describe('every field × purpose gets the outcome of the policy', () => {
  beforeAll(async () => {
    // 1. _entities, straight to each subgraph: all subjects in one batch per entity type and purpose.
    for (const shape of shapes) {
      const owners = () => shape.name as SubgraphName;
      for (const typeName of shape.entities) {
        const fields: ObservedField[] = [];
        const selection = selectionFor(shape, typeName, { depth: 3 }, fields);
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`;
        for (const purpose of POLICY_COLUMNS) {
          // One batch of every subject per purpose, as the gateway sends them; a 低保 case opens one household, so one call per subject.
          const batches = purpose === 'SUBSISTENCE_REVIEW' ? subjects.filter((s) => s.householdId).map((s) => [s]) : [subjects.filter((s) => typeName !== 'Household' || s.householdId)];
          for (const batch of batches) {
            const response = await postGraphQL(
              hub.subgraphUrls[shape.name as SubgraphName],
              query,
              { r: batch.map((s) => ENTITY_REPRESENTATIONS[typeName](s, purpose)) },
              await headersFor(purpose, batch[0]),
            );
            batch.forEach((subject, index) => {
              const entity = response.data?._entities?.[index];
              // A type none of whose fields the purpose may see can be refused whole (its non-null fields null the entity).
              const ownFields = fields.filter((f) => f.path.length === 1);
              if (!entity && ownFields.every((f) => expectedOutcome(shape.name as SubgraphName, f.key, purpose) === 'DENIED')) {
                expect(response.errors?.some((e) => e.path?.[1] === index && ['FORBIDDEN', 'OUT_OF_JURISDICTION'].includes(String(e.extensions?.code)))).toBe(true);
                for (const f of fields) shadowed.add(`${f.key}|${purpose}`);
                return;
              }
              if (!entity) throw new Error(`${shape.name} _entities(${typeName}) for ${purpose} returned nothing for the ${subject.why} ${subject.personId}: ${JSON.stringify(response.errors)}`);
              record(`${shape.name} _entities`, owners, purpose, response, ['_entities', index], entity, fields, `${shape.name}|${typeName}|${subject.personId}`);
            });
          }
        }
      }
    }
    // 2. Each subgraph's own root fields, called directly.
    for (const shape of shapes) {
      const owners = () => shape.name as SubgraphName;
      for (const field of shape.types.get('Query') ?? []) {
        const key = `Query.${field.name}`;
        if (field.name.startsWith('_')) continue;
        const args = ROOT_ARGUMENTS[key];
        if (field.requiredArgs.length > 0 && !args) throw new Error(`${key} needs arguments: add it to ROOT_ARGUMENTS`);
        const fields: ObservedField[] = [];
        const selection = shape.types.has(field.returns) ? `{ __typename ${selectionFor(shape, field.returns, { depth: 3, ancestors: [key] }, fields)} }` : '';
        const declared = field.requiredArgs.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
        const passed = field.requiredArgs.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
        const query = `query${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
        for (const purpose of POLICY_COLUMNS) {
          for (const subject of subjects) {
            const variables = args ? args(subject, purpose) : {};
            if (!variables || Object.values(variables).some((v) => v === null) || (purpose === 'SUBSISTENCE_REVIEW' && !subject.householdId)) continue;
            const response = await postGraphQL(hub.subgraphUrls[shape.name as SubgraphName], query, variables, await headersFor(purpose, subject));
            observations.push({
              via: `${shape.name} root`,
              key,
              purpose,
              expected: expectedOutcome(shape.name as SubgraphName, key, purpose),
              observed: observedOutcome(response, [field.name], response.data?.[field.name]),
              value: null,
              spot: rootSpot(shape.name, key, subject, purpose),
            });
            record(`${shape.name} root`, owners, purpose, response, [field.name], response.data?.[field.name], fields, rootSpot(shape.name, key, subject, purpose));
            if (field.requiredArgs.length === 0) break; // the same list for every subject
          }
        }
      }
    }
    // 3. Through the gateway, as users call it: person, household, dwelling and grid with every field the supergraph offers.
    const { shape: supergraph, owners } = mergeShapes(shapes);
    const ownerOf = (key: string) => owners.get(key) as SubgraphName;
    const ROOTS: Array<{ root: string; type: string; argument: string; argumentType: string; value: (s: Subject) => unknown }> = [
      { root: 'person', type: 'Person', argument: 'idNumber', argumentType: 'String!', value: (s) => s.idNumber },
      { root: 'household', type: 'Household', argument: 'id', argumentType: 'ID!', value: (s) => s.householdId },
      { root: 'dwelling', type: 'Dwelling', argument: 'id', argumentType: 'ID!', value: (s) => s.dwellingId },
      { root: 'grid', type: 'Grid', argument: 'code', argumentType: 'String!', value: (s) => s.gridCode },
      { root: 'subsistenceCheck', type: 'SubsistenceCheck', argument: 'idNumber', argumentType: 'String!', value: (s) => (s.applicationId ? s.idNumber : undefined) },
      { root: 'subsistenceChecks', type: 'SubsistenceCheck', argument: 'applicationIds', argumentType: '[ID!]!', value: (s) => (s.applicationId ? [s.applicationId] : undefined) },
    ];
    for (const { root, type, argument, argumentType, value } of ROOTS) {
      const rootKey = `Query.${root}`;
      const fields: ObservedField[] = [];
      const selection = selectionFor(supergraph, type, { depth: 2, ancestors: [rootKey] }, fields);
      const query = `query($v: ${argumentType}) { ${root}(${argument}: $v) { ${selection} } }`;
      for (const purpose of POLICY_COLUMNS) {
        const caller = CALLERS[purpose];
        const token = await userToken(caller);
        for (const subject of subjects) {
          if (purpose === 'SUBSISTENCE_REVIEW' && !subject.applicationId) continue; // a real case is needed at the gateway
          if (!value(subject)) continue;
          const caseId = purpose === 'SUBSISTENCE_REVIEW' ? subject.applicationId : caller.caseId;
          const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-purpose': purpose, ...(caseId ? { 'x-case-id': caseId } : {}) };
          const response = await postGraphQL(hub.gatewayUrl, query, { v: value(subject) }, headers);
          const spot = `gateway|${root}|${subject.personId}`;
          observations.push({
            via: 'gateway',
            key: rootKey,
            purpose,
            expected: expectedOutcome(ownerOf(rootKey), rootKey, purpose),
            observed: observedOutcome(response, [root], response.data?.[root]),
            value: null,
            spot,
          });
          record('gateway', ownerOf, purpose, response, [root], response.data?.[root], fields, spot);
        }
      }
    }
  }, 600_000);

  it('observes the policy outcome in every response', () => {
    const agrees = (o: Observation) => o.observed === o.expected || (o.observed === 'NULL' && o.expected !== 'DENIED');
    const wrong = observations.filter((o) => !agrees(o)).map((o) => `${o.via} ${o.key} for ${o.purpose}: expected ${o.expected}, got ${o.observed}`);
    expect([...new Set(wrong)]).toEqual([]);
    expect(observations.length).toBeGreaterThan(5000);
  });

  it('masks exactly the clear value, in the policy format', () => {
    const clear = new Map<string, unknown>();
    for (const o of observations) if (o.expected === 'CLEAR' && o.observed === 'CLEAR') clear.set(`${o.key}|${o.spot.replace(/^[^|]*\|/, '')}`, o.value);
    // A list whose rows depend on the caller's department has no clear counterpart at the same position; its masked
    // fields are compared where the same record is seen clear (the grid events through _entities and gridEvent).
    const masked = observations.filter((o) => o.expected === 'MASKED' && o.value !== null && !PER_DEPARTMENT_LISTS.has(o.spot.split('|')[1]));
    expect(masked.length).toBeGreaterThan(0);
    for (const o of masked) {
      const format = Object.values(POLICIES)
        .map((p) => ruleFor(p, o.key))
        .find((r) => r?.mask)!.mask!;
      const original = clear.get(`${o.key}|${o.spot.replace(/^[^|]*\|/, '')}`);
      expect({ key: o.key, purpose: o.purpose, value: o.value }).toEqual({ key: o.key, purpose: o.purpose, value: mask(format, original as string) });
    }
  });

  it('leaves no cell of any subgraph unobserved', () => {
    const seen = new Set(observations.filter((o) => o.observed !== 'NULL').map((o) => `${o.key}|${o.purpose}`));
    const unseen: string[] = [];
    for (const shape of shapes) {
      for (const [typeName, fields] of shape.types) {
        if (NOT_GENERATED[typeName]) continue;
        for (const field of fields) {
          if (field.external || field.inaccessible || field.name.startsWith('_')) continue;
          for (const purpose of POLICY_COLUMNS) {
            const cell = `${typeName}.${field.name}|${purpose}`;
            if (!seen.has(cell) && !shadowed.has(cell) && !NOT_GENERATED[cell]) unseen.push(`${shape.name} ${cell}`);
          }
        }
      }
    }
    expect(unseen).toEqual([]);
  });

  it('opens and advances an application only for civil affairs (every Mutation field, every purpose)', async () => {
    const mutationFields = shapes.flatMap((shape) => (shape.types.get('Mutation') ?? []).map((field) => `${shape.name}:Mutation.${field.name}`));
    expect(mutationFields.sort()).toEqual([
      'civil-affairs:Mutation.endAssistance',
      'civil-affairs:Mutation.openAssistanceApplication',
      'civil-affairs:Mutation.recordApplicationStep',
      'grid:Mutation.acceptCorrection',
      'grid:Mutation.acceptGridEvent',
      'grid:Mutation.assignDwellingsToGrid',
      'grid:Mutation.assignGridWorker',
      'grid:Mutation.closeGridEvent',
      'grid:Mutation.dispatchGridEvent',
      'grid:Mutation.escalateGridEvent',
      'grid:Mutation.followUpGridEvent',
      'grid:Mutation.handleGridEvent',
      'grid:Mutation.proposeFieldChange',
      'grid:Mutation.raiseCorrection',
      'grid:Mutation.rejectCorrection',
      'grid:Mutation.rejectGridEventHandling',
      'grid:Mutation.reportGridEvent',
      'grid:Mutation.returnGridEvent',
      'grid:Mutation.startGridEvent',
      'housing:Mutation.endTenancy',
      'housing:Mutation.recordOwnershipTransfer',
      'housing:Mutation.recordTenancy',
      'housing:Mutation.registerDwelling',
      'population:Mutation.changeHousehold',
      'population:Mutation.recordDeath',
      'population:Mutation.recordMove',
      'population:Mutation.recordMoveOut',
      'population:Mutation.registerBirth',
      'public-security:Mutation.cancelFloatingRegistration',
      'public-security:Mutation.closeInvestigationCase',
      'public-security:Mutation.correctFloatingRegistrationDwelling',
      'public-security:Mutation.openInvestigationCase',
      'public-security:Mutation.registerFloatingResident',
      'public-security:Mutation.renewResidencePermit',
    ]);
    const subject = subjects.find((s) => s.householdId)!;
    const OPEN =
      'mutation($id: String!, $household: ID, $authorization: AuthorizationEvidenceInput) { openAssistanceApplication(idNumber: $id, authorizationOnFile: true, householdId: $household, authorization: $authorization) { id status } }';
    const STEP = 'mutation($id: ID!) { recordApplicationStep(applicationId: $id, step: "VERIFICATION_STARTED") { id status } }';
    const opened: string[] = [];
    try {
      for (const purpose of POLICY_COLUMNS) {
        const response = await postGraphQL(
          hub.subgraphUrls['civil-affairs'],
          OPEN,
          { id: subject.idNumber, household: subject.householdId, authorization: signedAuthorization('conformance') },
          await headersFor(purpose, subject),
        );
        const outcome = expectedOutcome('civil-affairs', 'Mutation.openAssistanceApplication', purpose);
        const id = response.data?.openAssistanceApplication?.id as string | undefined;
        if (id) opened.push(id);
        expect({ purpose, observed: observedOutcome(response, ['openAssistanceApplication'], response.data?.openAssistanceApplication) }).toEqual({ purpose, observed: outcome });
        // The step is taken on an application this purpose could open, or else on the one civil affairs opened.
        const target = id ?? opened[0];
        if (!target) continue;
        const step = await postGraphQL(hub.subgraphUrls['civil-affairs'], STEP, { id: target }, await headersFor(purpose, { ...subject, applicationId: target }));
        const stepOutcome = expectedOutcome('civil-affairs', 'Mutation.recordApplicationStep', purpose);
        expect({ purpose, observed: observedOutcome(step, ['recordApplicationStep'], step.data?.recordApplicationStep) }).toEqual({ purpose, observed: stepOutcome });
      }
      expect(opened).toHaveLength(POLICY_COLUMNS.filter((p) => expectedOutcome('civil-affairs', 'Mutation.openAssistanceApplication', p) === 'CLEAR').length);
    } finally {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('civil-affairs')) });
      await client.connect();
      await client.query('delete from assistance_application where id = any($1)', [opened]);
      await client.end();
    }
  });

  it('lets each purpose make exactly the grid-event transitions its policy row allows (every grid Mutation field, every purpose)', async () => {
    const shape = shapes.find((candidate) => candidate.name === 'grid')!;
    // The grid's event transitions; its correction, field-report and worker mutations are the next test's.
    const mutations = (shape.types.get('Mutation') ?? []).filter(
      (field) => !field.name.endsWith('Correction') && !['proposeFieldChange', 'assignGridWorker', 'assignDwellingsToGrid'].includes(field.name),
    );
    expect(mutations.map((field) => field.name).sort()).toEqual(
      [
        'acceptGridEvent',
        'closeGridEvent',
        'dispatchGridEvent',
        'escalateGridEvent',
        'followUpGridEvent',
        'handleGridEvent',
        'rejectGridEventHandling',
        'reportGridEvent',
        'returnGridEvent',
        'startGridEvent',
      ].sort(),
    );
    // Each call names no real event (or an unknown category): a purpose the policy admits reaches the resolver and gets its
    // input refused (BAD_USER_INPUT) or its role refused (FORBIDDEN with the resolver's reason); one the policy denies never
    // gets past the policy (FORBIDDEN "… is not available for purpose …"), and nothing is written either way.
    const ARGUMENTS: Record<string, string> = {
      reportGridEvent: '(input: { category: "9999", gridCode: "000000000000000", address: "x", description: "y" })',
      dispatchGridEvent: '(id: "0", expectedVersion: 1, department: "HOUSING")',
      returnGridEvent: '(id: "0", expectedVersion: 1, reason: "x")',
      handleGridEvent: '(id: "0", expectedVersion: 1, result: "x")',
      rejectGridEventHandling: '(id: "0", expectedVersion: 1, reason: "x")',
      followUpGridEvent: '(id: "0", expectedVersion: 1, satisfaction: 3)',
    };
    const observed: string[] = [];
    const expected: string[] = [];
    for (const { name } of mutations) {
      for (const purpose of POLICY_COLUMNS) {
        const role = name === 'reportGridEvent' ? 'GRID_WORKER' : name === 'escalateGridEvent' ? 'SUPERVISOR' : undefined;
        const token = await internalToken({ ...CALLERS[purpose], ...(role && CALLERS[purpose].dept === 'GRID' ? { role } : {}), purpose });
        const response = await postGraphQL(hub.subgraphUrls.grid, `mutation { ${name}${ARGUMENTS[name] ?? '(id: "0", expectedVersion: 1)'} { id } }`, {}, { 'x-gridhub-internal-token': token });
        const error = response.errors?.[0];
        const deniedByPolicy = error?.extensions?.code === 'FORBIDDEN' && error.message.includes('is not available for purpose');
        observed.push(`${name} ${purpose}: ${deniedByPolicy ? 'DENIED' : response.data?.[name] ? 'WROTE' : 'CLEAR'}`);
        expected.push(`${name} ${purpose}: ${expectedOutcome('grid', `Mutation.${name}`, purpose)}`);
      }
    }
    expect(observed).toEqual(expected);
  });

  it('raises, answers and makes corrections, and keeps the case register, only for the purposes the policy names (纠错回流 and 案件登记: every such Mutation field, every purpose)', async () => {
    // Each is called with an argument its own check refuses (BAD_USER_INPUT), so nothing is written: a purpose the policy
    // allows gets past the policy to that check, any other is refused by the policy first (FORBIDDEN).
    // A row limited to one role is called with that role (the purpose decides first; ADR 0018).
    const CASES: Array<{ owner: SubgraphName; field: string; mutation: string; role?: Role }> = [
      { owner: 'grid', field: 'raiseCorrection', mutation: 'mutation { raiseCorrection(input: { discrepancyId: "nonsense", targetDepartment: "HOUSING", proposedCorrection: "x" }) { id } }' },
      { owner: 'grid', field: 'acceptCorrection', mutation: 'mutation { acceptCorrection(id: "CR000000000000000000000", version: 1) { id } }' },
      { owner: 'grid', field: 'rejectCorrection', mutation: 'mutation { rejectCorrection(id: "CR000000000000000000000", version: 1, reason: "x") { id } }' },
      { owner: 'housing', field: 'endTenancy', mutation: 'mutation { endTenancy(input: { tenancyId: "0", endedOn: "2026-01-01", clientRequestId: "!" }) { id } }' },
      {
        owner: 'population',
        field: 'changeHousehold',
        mutation:
          'mutation { changeHousehold(input: { personId: "nobody", expectedVersion: 1, householdId: "H1", relationToHead: "99", joinedOn: "2026-01-01", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'population',
        field: 'registerBirth',
        mutation: 'mutation { registerBirth(input: { idNumber: "x", name: "x", ethnicity: "01", householdId: "H1", relationToHead: "20", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'population',
        field: 'recordMoveOut',
        mutation: 'mutation { recordMoveOut(input: { personId: "P000000000000000000000000", expectedVersion: 1, movedOutOn: "2026-01-01", clientRequestId: "!" }) { id } }',
      },
      // The departments' own writes (issue #14): a malformed client request id or key is refused before anything is written.
      {
        owner: 'population',
        field: 'recordMove',
        mutation:
          'mutation { recordMove(input: { personId: "nobody", expectedVersion: 1, dwellingId: "D1", gridCode: "120112100001001", movedOn: "2026-01-01", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'population',
        field: 'recordDeath',
        mutation: 'mutation { recordDeath(input: { personId: "nobody", expectedVersion: 1, deathDate: "2026-01-01", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'public-security',
        field: 'renewResidencePermit',
        mutation: 'mutation { renewResidencePermit(input: { registrationId: "F00000000", expectedVersion: 1, endorsedOn: "2026-01-01", clientRequestId: "!" }) { id } }',
      },
      {
        owner: 'public-security',
        field: 'cancelFloatingRegistration',
        mutation: 'mutation { cancelFloatingRegistration(input: { registrationId: "F00000000", expectedVersion: 1, reason: "NONSENSE", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'public-security',
        field: 'registerFloatingResident',
        mutation:
          'mutation { registerFloatingResident(input: { idNumber: "x", name: "x", dwellingId: "D1", gridCode: "120112100001001", hukouRegionCode: "130102", inflowReason: "01", residenceType: "02", permitType: "01", registeredOn: "2026-01-01", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'civil-affairs',
        field: 'endAssistance',
        mutation: 'mutation { endAssistance(input: { recordId: "x", expectedVersion: 1, endOn: "2026-01-01", reason: "DECEASED", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'grid',
        field: 'assignGridWorker',
        role: 'SUPERVISOR',
        mutation: 'mutation { assignGridWorker(input: { workerId: "W1", expectedVersion: 1, gridCode: "x", role: "GRID_WORKER", clientRequestId: "conformance-1" }) { id } }',
      },
      // 网格划分调整 and 实有房屋登记 (issue #14): an empty list, a malformed code, refused before anything is written or asked.
      {
        owner: 'grid',
        field: 'assignDwellingsToGrid',
        role: 'SUPERVISOR',
        mutation: 'mutation { assignDwellingsToGrid(input: { dwellingIds: [], gridCode: "x", clientRequestId: "conformance-1" }) { gridCode } }',
      },
      {
        owner: 'housing',
        field: 'registerDwelling',
        mutation: 'mutation { registerDwelling(input: { addressCode: "x", address: "x", use: "01", area: 1, communityCode: "x", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'grid',
        field: 'proposeFieldChange',
        mutation: 'mutation { proposeFieldChange(input: { kind: "NONSENSE", gridCode: "120112100001001", dwellingId: "D1", visitedOn: "2026-01-01", clientRequestId: "conformance-1" }) { id } }',
      },
      {
        owner: 'housing',
        field: 'recordOwnershipTransfer',
        mutation: 'mutation { recordOwnershipTransfer(input: { dwellingId: "D1", expectedVersion: 1, owners: [], registeredOn: "2026-01-01", clientRequestId: "conformance-1" }) { dwellingId } }',
      },
      {
        owner: 'housing',
        field: 'recordTenancy',
        mutation:
          'mutation { recordTenancy(input: { dwellingId: "D1", tenantPersonId: "nobody", landlordPersonId: "nobody", rentalUse: "02", startOn: "2026-01-01", clientRequestId: "conformance-1" }) { id } }',
      },
      // 案件登记: a malformed case number is refused before anything is written.
      { owner: 'public-security', field: 'openInvestigationCase', mutation: 'mutation { openInvestigationCase(input: { caseNumber: "!", summary: "x", subjectIdNumbers: [] }) { caseNumber } }' },
      { owner: 'public-security', field: 'closeInvestigationCase', mutation: 'mutation { closeInvestigationCase(caseNumber: "!", reason: "x") { caseNumber } }' },
      {
        owner: 'public-security',
        field: 'correctFloatingRegistrationDwelling',
        mutation: 'mutation { correctFloatingRegistrationDwelling(input: { registrationId: "F00000000", expectedVersion: 1, dwellingId: "D00000000", clientRequestId: "!" }) { id } }',
      },
    ];
    const subject = subjects[0];
    const observed: string[] = [];
    const expected: string[] = [];
    for (const { owner, field, mutation, role } of CASES) {
      for (const purpose of POLICY_COLUMNS) {
        const response = await postGraphQL(hub.subgraphUrls[owner], mutation, {}, await headersFor(purpose, subject, role));
        const code = response.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify([field]))?.extensions?.code;
        observed.push(`${field} ${purpose}: ${code === 'FORBIDDEN' ? 'DENIED' : code === 'BAD_USER_INPUT' ? 'CLEAR' : String(code)}`);
        expected.push(`${field} ${purpose}: ${expectedOutcome(owner, `Mutation.${field}`, purpose)}`);
      }
    }
    expect(observed).toEqual(expected);
  });

  it("serves each subgraph's access-log routes for population (a person's events, the chain's state) to ACCESS_AUDIT only, as the policy rows say", async () => {
    const subject = subjects[0];
    const routes = [
      { route: `access-events?subject=${subject.personId}&first=5`, rule: ruleFor(populationPolicy, 'Query.accessLog')! },
      { route: 'access-log-integrity', rule: ACCESS_LOG_INTEGRITY },
    ];
    const observed: string[] = [];
    const expected: string[] = [];
    for (const { name } of SUBGRAPHS) {
      for (const { route, rule } of routes) {
        for (const purpose of POLICY_COLUMNS) {
          const target = new URL(`/internal/${route}`, hub.subgraphUrls[name]);
          const response = await fetch(target, { headers: await asGateway(target, await headersFor(purpose, subject)) });
          const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
          observed.push(`${name} ${route.split('?')[0]} ${purpose}: ${response.status === 200 ? 'CLEAR' : body.errors?.[0]?.extensions?.code === 'FORBIDDEN' ? 'DENIED' : `HTTP ${response.status}`}`);
          expected.push(`${name} ${route.split('?')[0]} ${purpose}: ${rule.outcomes[purpose]}`);
        }
      }
    }
    expect(observed).toEqual(expected);
  });

  it("serves housing's, population's and public security's grid-assignment route to the grid center's onward token only, for its row's purpose and role", async () => {
    const subject = subjects[0];
    // A malformed change (no dwellings, no grid): a call the row admits is refused for its body (400), and nothing is written.
    const change = JSON.stringify({ clientRequestId: 'conformance-1', dwellingIds: [], gridCode: 'x' });
    const gridBody = JSON.stringify({ query: 'mutation($input: AssignDwellingsToGridInput!) { assignDwellingsToGrid(input: $input) { gridCode } }', variables: { input: {} } });
    const gridUrl = new URL(hub.subgraphUrls.grid);
    const observed: string[] = [];
    const expected: string[] = [];
    for (const [peer, rule] of [
      ['housing', DWELLING_GRID_COPY],
      ['population', RESIDENCE_GRID_COPY],
      ['public-security', REGISTRATION_GRID_COPY],
    ] as const) {
      const target = new URL('/internal/grid-assignment', hub.subgraphUrls[peer]);
      for (const purpose of POLICY_COLUMNS) {
        const headers = await headersFor(purpose, subject, 'SUPERVISOR');
        // The gateway's own token for the route (no grid in between) is refused whatever the purpose.
        const direct = await fetch(target, { method: 'POST', body: change, headers: { 'content-type': 'application/json', ...(await asGateway(target, headers, change)) } });
        observed.push(`${peer} direct ${purpose}: ${direct.status}`);
        expected.push(`${peer} direct ${purpose}: 403`);
        // The onward token the gateway grants the grid's assignDwellingsToGrid for this peer's route.
        const gridToken = (await asGateway(gridUrl, headers, gridBody))['x-gridhub-internal-token'];
        const onward = (JSON.parse(Buffer.from(gridToken.split('.')[1], 'base64url').toString('utf8')) as { onward: Record<string, Record<string, string>> }).onward[peer]['grid-assignment'];
        const response = await fetch(target, { method: 'POST', body: change, headers: { 'content-type': 'application/json', 'x-gridhub-internal-token': onward } });
        const code = ((await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code;
        observed.push(`${peer} ${purpose}: ${code === 'BAD_USER_INPUT' ? 'CLEAR' : code === 'FORBIDDEN' ? 'DENIED' : `HTTP ${response.status}`}`);
        expected.push(`${peer} ${purpose}: ${rule.outcomes[purpose]}`);
      }
    }
    expect(observed).toEqual(expected);
  });

  it('wrote every outcome to the hash-chained access logs, which verify', async () => {
    for (const { name } of SUBGRAPHS) {
      const verdict = await verifyAccessLog(databaseUrl(process.env.DATABASE_URL!, databaseNameFor(name)));
      expect({ name, ok: verdict.ok, broken: verdict.broken }).toEqual({ name, ok: true, broken: undefined });
    }
    const { Client } = await import('pg');
    const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('public-security')) });
    await client.connect();
    try {
      const { rows } = await client.query(accessLogSql.select('distinct purpose, outcome', 'subject_person_id = any($1)'), [subjects.map((s) => s.personId)]);
      const outcomes = new Set(rows.map((r) => `${r.purpose}:${r.outcome}`));
      expect(outcomes.has('CASE_INVESTIGATION:CLEAR')).toBe(true);
      expect(outcomes.has('GRID_SERVICE:DENIED')).toBe(true);
    } finally {
      await client.end();
    }
  });
});
