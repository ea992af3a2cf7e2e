/**
 * Thousands of random and malformed operations, variables and headers against the running hub (FUZZ_SEED,
 * FUZZ_CASES). Whatever comes in: no process dies, nothing answers 500, every error carries
 * `extensions.code`, and no field the policy denies for the token's purpose is ever non-null.
 */
import { SUBGRAPHS } from '@hub/topology';
import { startHub, userToken, type RunningHub, type TestUser } from '@hub/testkit';
import type { PolicyColumn, Purpose } from '@hub/access';
import { ACCESS_POLICY_V1 } from '../access-conformance/access-policy-v1';
import { prng, type Prng } from './prng';

const SEED = Number(process.env.FUZZ_SEED ?? 20260601);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const CONCURRENCY = 8;

/** Person fields with their selection; objects are selected by __typename so the field's own outcome shows. */
const PERSON_FIELDS: Record<string, string> = {
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
  gender: 'gender',
  birthDate: 'birthDate',
  populationType: 'populationType',
  household: 'household { id }',
  residence: 'residence { id address }',
  ownedDwellings: 'ownedDwellings { id }',
  ownedDwellingCount: 'ownedDwellingCount',
  assistance: 'assistance { __typename }',
  receivesAssistance: 'receivesAssistance',
  hasDisability: 'hasDisability',
  vehicles: 'vehicles { __typename }',
  nonExemptVehicleCount: 'nonExemptVehicleCount',
  floatingRegistration: 'floatingRegistration { inflowReason }',
  keyPerson: 'keyPerson { __typename }',
  needsAttention: 'needsAttention',
  grid: 'grid { code name }',
};

const CALLERS: Partial<Record<Purpose, TestUser & { caseId?: string }>> = {
  POPULATION_ADMINISTRATION: { dept: 'POPULATION', jurisdiction: '120112' },
  HOUSING_ADMINISTRATION: { dept: 'HOUSING', jurisdiction: '120112' },
  FLOATING_POPULATION_MANAGEMENT: { dept: 'PUBLIC_SECURITY', jurisdiction: '120112' },
  CASE_INVESTIGATION: { dept: 'PUBLIC_SECURITY', jurisdiction: '120112', caseId: 'XJ-2026-0042' },
  GRID_SERVICE: { dept: 'GRID', jurisdiction: '120112' },
  ACCESS_AUDIT: { dept: 'AUDIT', jurisdiction: '120112', role: 'AUDITOR' },
};

/** The fields ACCESS-POLICY.md denies (X) for a purpose. */
function deniedFor(purpose: Purpose): Set<string> {
  const denied = new Set<string>();
  for (const [key, { cells }] of Object.entries(ACCESS_POLICY_V1)) {
    const [type, field] = key.split('.');
    if (type === 'Person' && cells[purpose as PolicyColumn] === 'X') denied.add(field);
  }
  return denied;
}

interface Case {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  search?: string;
  /** For a well-formed people query: response key → Person field, and the purpose it was asked under. */
  check?: { purpose: Purpose; keys: Record<string, string> };
}

const GARBAGE = [
  '',
  '{',
  '}}}',
  'query',
  'mutation { }',
  '{ __typename }',
  '{ people { nodes { name } }',
  'query Q($a: Int!) { people(first: $a) { totalCount } }',
  '\u0000\u0001',
  '{ people(first: "ten") { totalCount } }',
  '{ person(idNumber: "1201121990010100X1") { name } }',
  '{ grids { code } }',
  'subscription { x }',
  '{ ...F } fragment F on Query { ...F }',
  '{ people(first: 1) @skip(if: true) { totalCount } }',
  '{ _entities(representations: [{__typename: "Person", id: "x"}]) { __typename } }',
  '{ _service { sdl } }',
  'mutation { openAssistanceApplication(idNumber: "120112199001010011", authorizationOnFile: true, authorization: { documentNumber: "津南民核授〔2026〕1号", signedOn: "2026-12-01", fileSha256: "0000000000000000000000000000000000000000000000000000000000000000" }) { id } }',
  '{ accessLog(idNumber: "x") { at } }',
  '{ __schema { queryType { name } } }',
];

function mutate(random: Prng, text: string): string {
  const chars = [...text];
  for (let i = random.int(1, 4); i > 0; i--) {
    const at = random.int(0, chars.length);
    const op = random.int(0, 2);
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, random.pick(['{', '}', '(', ')', '$', '"', ':', '@', '!', '\\', ' ', 'é', '\u202e', '0']));
    else chars.length = Math.max(0, at);
  }
  return chars.join('');
}

function peopleQuery(random: Prng): { query: string; variables: Record<string, unknown>; keys: Record<string, string> } {
  const fields = random.subset(Object.keys(PERSON_FIELDS));
  if (fields.length === 0) fields.push(random.pick(Object.keys(PERSON_FIELDS)));
  const keys: Record<string, string> = {};
  const selections = fields.map((field, i) => {
    const key = random.chance(0.2) ? `a${i}` : field;
    keys[key] = field;
    return key === field ? PERSON_FIELDS[field] : `${key}: ${PERSON_FIELDS[field]}`;
  });
  const variables: Record<string, unknown> = {};
  let first = String(random.int(0, 30));
  if (random.chance(0.3)) {
    first = '$n';
    variables.n = random.pick([0, 1, 5, 20, -1, 2 ** 31, 1e9, 'five', null, 3.5, [], {}]);
  }
  const filter = random.chance(0.3) ? `, filter: { regionCode: "${random.pick(['120112', '120112001', '120101', '', '\\"', '9'.repeat(40)])}" }` : '';
  const useFragment = random.chance(0.3);
  const body = useFragment ? '...P' : selections.join(' ');
  const header = first === '$n' ? 'query Fuzz($n: Int)' : random.pick(['query Fuzz', '', 'query']);
  const fragment = useFragment ? ` fragment P on Person { ${selections.join(' ')} }` : '';
  return { query: `${header} { people(first: ${first}${filter}) { totalCount nodes { ${body} } pageInfo { hasNextPage endCursor } } }${fragment}`, variables, keys };
}

async function makeCase(random: Prng, tokens: Map<string, string>): Promise<Case> {
  const purpose = random.pick(Object.keys(CALLERS)) as Purpose;
  const caller = CALLERS[purpose]!;
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(purpose)}`, 'x-purpose': purpose };
  if (caller.caseId) headers['x-case-id'] = caller.caseId;
  const kind = random.int(0, 9);
  if (kind <= 4) {
    // A well-formed people query the invariant can check; sometimes with messed-up headers.
    const { query, variables, keys } = peopleQuery(random);
    if (random.chance(0.15)) headers['x-purpose'] = random.pick(['', 'grid_service', 'ACCESS_AUDIT', 'SUBSISTENCE_REVIEW', 'X'.repeat(300), 'GRID_SERVICE, ACCESS_AUDIT']);
    if (random.chance(0.1)) headers['x-case-id'] = random.pick(['', '1', 'DB-0000', "'; drop table person; --", 'x'.repeat(500)]);
    if (random.chance(0.1)) headers['x-request-id'] = random.pick(['', 'a b', 'x'.repeat(100), '../../etc', '12345']);
    if (random.chance(0.1)) headers.authorization = random.pick(['', 'Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', `Bearer ${tokens.get(purpose)}x`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']);
    const effectivePurpose = headers['x-purpose'] as Purpose;
    return {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, operationName: random.chance(0.1) ? 'Nope' : undefined }),
      check: { purpose: CALLERS[effectivePurpose] ? effectivePurpose : purpose, keys },
    };
  }
  if (kind <= 6) {
    const base = random.chance(0.5) ? random.pick(GARBAGE) : peopleQuery(random).query;
    return { method: 'POST', headers, body: JSON.stringify({ query: random.chance(0.7) ? mutate(random, base) : base, variables: random.pick([undefined, {}, { n: 'x' }, 'vars', [1], null]) }) };
  }
  if (kind === 7) {
    const body = random.pick([
      '',
      'null',
      '[]',
      '[{"query":"{ __typename }"}]',
      '{"query": 5}',
      '{"query": ["a"]}',
      '{"query": null}',
      '{"query":"{ people { totalCount } }","variables":"x"}',
      '{"query":"{ people { totalCount } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}',
      '{"query',
      '"\\u0000"',
      JSON.stringify({ query: '{ people(first: 1) { totalCount } }', operationName: 7 }),
    ]);
    if (random.chance(0.3)) headers['content-type'] = random.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']);
    return { method: 'POST', headers, body };
  }
  if (kind === 8) {
    const query = random.chance(0.5) ? peopleQuery(random).query : mutate(random, random.pick(GARBAGE));
    return { method: 'GET', headers: { ...headers, 'apollo-require-preflight': 'true' }, search: `?query=${encodeURIComponent(query)}${random.chance(0.3) ? '&variables=%7Bbad' : ''}` };
  }
  // Deeply nested, alias-heavy or huge documents.
  const depth = random.int(5, 60);
  const nested = `${'{ people(first: 1) { nodes { household { members { person '.repeat(Math.ceil(depth / 5))}{ name }${' } } } } }'.repeat(Math.ceil(depth / 5))}`;
  const aliases = `{ ${Array.from({ length: random.int(10, 300) }, (_, i) => `a${i}: people(first: 1) { totalCount }`).join(' ')} }`;
  return { method: 'POST', headers, body: JSON.stringify({ query: random.pick([nested, aliases, `{ ${'__typename '.repeat(random.int(100, 20000))} }`]) }) };
}

let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
});

afterAll(async () => {
  await hub?.stop();
});

it(`survives ${CASES} random and malformed requests (seed ${SEED}) with a code on every error and no denied field`, async () => {
  const random = prng(SEED);
  const tokens = new Map<string, string>();
  for (const [purpose, caller] of Object.entries(CALLERS)) tokens.set(purpose, await userToken({ ...caller!, sub: `fuzz-${purpose.toLowerCase()}` }));
  const cases: Case[] = [];
  for (let i = 0; i < CASES; i++) cases.push(await makeCase(random, tokens));

  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let checkedNodes = 0;
  let next = 0;
  const started = Date.now();
  const run = async () => {
    while (next < cases.length) {
      const index = next++;
      const c = cases[index];
      const where = `case ${index} (seed ${SEED}): ${c.method} ${(c.body ?? c.search ?? '').slice(0, 160)}`;
      let status: number;
      let text: string;
      try {
        const response = await fetch(`${hub.gatewayUrl}${c.search ?? ''}`, { method: c.method, headers: c.headers, body: c.body });
        status = response.status;
        text = await response.text();
      } catch (error) {
        problems.push(`${where}: transport failure ${(error as Error).message}`);
        continue;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) problems.push(`${where}: HTTP ${status} ${text.slice(0, 200)}`);
      let body: { data?: any; errors?: Array<{ extensions?: { code?: unknown } }> };
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${where}: HTTP ${status} non-JSON ${text.slice(0, 120)}`);
        continue;
      }
      for (const error of body.errors ?? []) if (typeof error?.extensions?.code !== 'string') problems.push(`${where}: error without a code ${JSON.stringify(error).slice(0, 200)}`);
      if (c.check && body.data?.people?.nodes) {
        const denied = deniedFor(c.check.purpose);
        for (const node of body.data.people.nodes) {
          checkedNodes++;
          for (const [key, field] of Object.entries(c.check.keys)) {
            if (denied.has(field) && node[key] !== null && node[key] !== undefined) problems.push(`${where}: ${field} is DENIED for ${c.check.purpose} but came back ${JSON.stringify(node[key])}`);
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, run));
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
    `[fuzz] ${cases.length} requests in ${seconds.toFixed(1)} s (${(cases.length / seconds).toFixed(0)}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${checkedNodes} person nodes checked against the policy\n`,
  );

  expect(problems.slice(0, 20)).toEqual([]);
  expect(checkedNodes).toBeGreaterThan(1000);
  for (const [name, proc] of hub.processes) expect({ name, exit: proc.child.exitCode ?? proc.child.signalCode }).toEqual({ name, exit: null });
  expect(hub.processes.size).toBe(SUBGRAPHS.length + 1);
});
