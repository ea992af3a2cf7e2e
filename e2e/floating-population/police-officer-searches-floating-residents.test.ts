/**
 * A police officer of one street (流动人口服务管理) works through the floating residents of the street: pages
 * through all of them, narrows by 流入原因, 住所类型, a permit about to lapse, a landlord and a name, and sees
 * who lets the rented dwelling. Real subgraph processes and the real gateway, against the seeded test district;
 * expected values come from the public-security database itself.
 */
import { outcomeFor, POLICY_COLUMNS, type Purpose } from '@hub/access';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { postGraphQL, startHub, testSeedManifest, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';
import { Client } from 'pg';
import { publicSecurityPolicy } from '../../subgraphs/public-security/src/policy';

const SEARCH = `
  query Floating($filter: FloatingPopulationFilter, $first: Int, $after: String, $orderBy: FloatingPopulationOrder) {
    floatingPopulation(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id gridCode inflowReason residenceType registeredOn permitNumber permitExpiresOn }
    }
  }`;

const WHO_LIVES_WHERE = `
  query Floating($filter: FloatingPopulationFilter, $first: Int) {
    floatingPopulation(filter: $filter, first: $first) {
      totalCount
      nodes {
        id inflowReason residenceType registeredOn permitExpiresOn
        person { id name idNumber tenancies { current landlord { id } dwelling { id } } }
        landlord { id name idNumber phone }
        dwelling { id address grid { code name } tenancies { current tenant { id } landlord { id name } } }
      }
    }
  }`;

interface Node {
  id: string;
  gridCode: string;
  inflowReason: string;
  residenceType: string;
  registeredOn: string;
  permitExpiresOn: string | null;
}

let hub: RunningHub;
let db: Client;
let street: string;
/** A police case of the street, registered by its officer (a street officer works under the street's cases). */
const streetCase = `JN-FP-${Date.now().toString(36)}`;
/** Small pages, so that the test district's street (a few dozen floating residents) takes several. */
const PAGE = 10;
const manifest = testSeedManifest();

async function ask(user: TestUser, purpose: Purpose, query: string, variables: Record<string, unknown>, caseId = purpose === 'CASE_INVESTIGATION' ? streetCase : undefined): Promise<GraphQLResponse> {
  const token = await userToken(user);
  return postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${token}`, 'x-purpose': purpose, ...(caseId ? { 'x-case-id': caseId } : {}) });
}

const officer = (): TestUser => ({ dept: 'PUBLIC_SECURITY', jurisdiction: street, name: '民警' });
const asOfficer = (query: string, variables: Record<string, unknown>) => ask(officer(), 'FLOATING_POPULATION_MANAGEMENT', query, variables);

/** Every page of a search, following the cursors; checks that the pages join up and agree on totalCount. */
async function allPages(filter: Record<string, unknown> | null, orderBy?: string, user = officer(), purpose: Purpose = 'FLOATING_POPULATION_MANAGEMENT') {
  const nodes: Node[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const response = await ask(user, purpose, SEARCH, { filter, first: PAGE, after, orderBy });
    expect(response.errors).toBeUndefined();
    const connection = response.data.floatingPopulation;
    totals.add(connection.totalCount);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    expect(connection.nodes).toHaveLength(PAGE);
    after = connection.pageInfo.endCursor;
  }
  expect(totals.size).toBe(1);
  const ids = nodes.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length); // no duplicates across pages
  const [totalCount] = totals;
  expect(ids).toHaveLength(totalCount);
  return { nodes, ids, totalCount };
}

async function registrationIds(where: string, params: unknown[] = []): Promise<string[]> {
  const { rows } = await db.query(`select id from floating_registration where status = 'ACTIVE' and grid_code like $1 || '%' ${where ? `and ${where}` : ''} order by id`, [street, ...params]);
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  hub = await startHub();
  db = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('public-security')) });
  await db.connect();
  // The street (9-digit code) with the most floating residents in the test district.
  const { rows } = await db.query(`select left(grid_code, 9) as street from floating_registration where status = 'ACTIVE' group by 1 order by count(*) desc, 1 limit 1`);
  street = rows[0].street;
  const registered = await ask(
    { dept: 'PUBLIC_SECURITY', jurisdiction: street, name: '刑侦民警' },
    'CASE_INVESTIGATION',
    'mutation($input: OpenInvestigationCaseInput!) { openInvestigationCase(input: $input) { caseNumber } }',
    { input: { caseNumber: streetCase, summary: '流动人口涉案排查', subjectIdNumbers: [manifest.planted.investigationCaseSubjects[0].idNumber] } },
    '', // the register needs no case
  );
  expect(registered.errors).toBeUndefined();
}, 180_000);

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

describe('a street police officer manages the floating residents of the street', () => {
  it('pages through every floating resident of the street: pages join up, no duplicates, totalCount matches', async () => {
    const { nodes, ids, totalCount } = await allPages(null);
    expect(totalCount).toBeGreaterThan(3 * PAGE);
    expect(ids).toEqual(await registrationIds(''));
    expect([...ids].sort()).toEqual(ids); // stable id order
    for (const node of nodes) expect(node.gridCode.startsWith(street)).toBe(true);
  });

  it('narrows by 流入原因 务工 and by 住所类型 租赁房屋', async () => {
    const workers = await allPages({ inflowReason: '01' });
    expect(workers.ids).toEqual(await registrationIds(`inflow_reason = '01'`));
    expect(workers.nodes.every((n) => n.inflowReason === '01')).toBe(true);
    const renting = await allPages({ residenceType: '02', inflowReason: '01' });
    expect(renting.ids).toEqual(await registrationIds(`residence_type = '02' and inflow_reason = '01'`));
    expect(renting.totalCount).toBeGreaterThan(0);
  });

  it('lists whose permit lapses within a month, earliest first, with every planted lapsed permit of the street', async () => {
    const inAMonth = new Date(Date.parse(`${manifest.today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    const lapsing = await allPages({ permitExpiresBefore: inAMonth }, 'PERMIT_EXPIRES_ON');
    expect([...lapsing.ids].sort()).toEqual(await registrationIds('permit_expires_on < $2', [inAMonth]));
    const expiries = lapsing.nodes.map((n) => n.permitExpiresOn!);
    expect([...expiries].sort()).toEqual(expiries);
    // The manifest lists every ACTIVE registration whose permit has already expired (exhaustive).
    const expired = lapsing.nodes.filter((n) => n.permitExpiresOn! < manifest.today).map((n) => n.id);
    const planted = manifest.planted.lapsedPermitStillActive.filter((p) => p.reason === 'PERMIT_EXPIRED').map((p) => p.registrationId);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((id) => planted.includes(id))).toBe(true);
    expect(planted.filter((id) => lapsing.ids.includes(id)).sort()).toEqual([...expired].sort());
  });

  it('sees who lives where, since when, why, and who lets the rented dwelling', async () => {
    const response = await asOfficer(WHO_LIVES_WHERE, { filter: { residenceType: '02' }, first: 20 });
    expect(response.errors).toBeUndefined();
    const nodes = response.data.floatingPopulation.nodes;
    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      expect(node.person.name).toMatch(/^\p{Script=Han}{2,4}$/u); // population
      expect(node.dwelling.address).toMatch(/^天津市津南区/); // housing
      expect(node.dwelling.grid.code.startsWith(street)).toBe(true); // grid
      expect(node.landlord.name).toMatch(/^\p{Script=Han}{2,4}$/u); // the 房东 the registration records, named by population
      expect(node.landlord.idNumber).toMatch(/^\d{17}[\dX]$/);
      // The landlord the police recorded lets (or let: a registration not updated after a move) this dwelling, according to housing.
      expect(node.dwelling.tenancies.map((t: { landlord: { id: string } }) => t.landlord.id)).toContain(node.landlord.id);
      // An adult registrant holds the tenancy themselves (a child lives under the parents' tenancy).
      const own = node.person.tenancies.find((t: { current: boolean; dwelling: { id: string } }) => t.current && t.dwelling.id === node.dwelling.id);
      if (own) expect(own.landlord.id).toBe(node.landlord.id);
    }
    expect(nodes.some((n: { person: { tenancies: unknown[] } }) => n.person.tenancies.length > 0)).toBe(true);
  });

  it("finds every registration naming a landlord, by the landlord's ID number", async () => {
    const response = await asOfficer(WHO_LIVES_WHERE, { filter: { residenceType: '02' }, first: 1 });
    const landlord = response.data.floatingPopulation.nodes[0].landlord;
    const { rows } = await db.query(`select id from floating_registration where status = 'ACTIVE' and grid_code like $1 || '%' and landlord_person_id = $2 order by id`, [street, landlord.id]);
    const found = await allPages({ landlordIdNumber: landlord.idNumber });
    expect(found.ids).toEqual(rows.map((row) => row.id));
    expect(found.totalCount).toBeGreaterThan(0);
  });

  it('finds a registrant by name, or by its beginning', async () => {
    const response = await asOfficer(WHO_LIVES_WHERE, { first: 1 });
    const { name } = response.data.floatingPopulation.nodes[0].person;
    const exact = await allPages({ name });
    expect(exact.ids).toEqual(await registrationIds(`registrant_name like $2 || '%'`, [name]));
    expect(exact.ids).toContain(response.data.floatingPopulation.nodes[0].id);
    const surname = await allPages({ name: name[0] });
    expect(surname.totalCount).toBeGreaterThanOrEqual(exact.totalCount);
    const named = await asOfficer(WHO_LIVES_WHERE, { filter: { name: name[0] }, first: 50 });
    for (const node of named.data.floatingPopulation.nodes) expect(node.person.name.startsWith(name[0])).toBe(true);
  });

  it('is refused a grid of another street (OUT_OF_JURISDICTION), a malformed code and a wrong check digit (BAD_USER_INPUT)', async () => {
    const { rows } = await db.query(`select grid_code from floating_registration where grid_code not like $1 || '%' order by grid_code limit 1`, [street]);
    const elsewhere = await asOfficer(SEARCH, { filter: { gridCode: rows[0].grid_code } });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    expect(elsewhere.data).toBeNull();

    const malformed = await asOfficer(SEARCH, { filter: { gridCode: `${street}00100` } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0].message).toMatch(/gridCode must be a 15 digit grid code/);

    const valid = '120112198503120018';
    const wrongDigit = await asOfficer(SEARCH, { filter: { landlordIdNumber: `${valid.slice(0, 17)}7` } });
    expect(wrongDigit.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongDigit.errors?.[0].message).toMatch(/landlordIdNumber: ID number check digit is 7 but GB 11643 requires 8/);
  });
});

describe("other departments get the policy's outcome for the floating-population fields", () => {
  const USERS: Partial<Record<Purpose, TestUser>> = {
    POPULATION_ADMINISTRATION: { dept: 'POPULATION', jurisdiction: '120112' },
    HOUSING_ADMINISTRATION: { dept: 'HOUSING', jurisdiction: '120112' },
    GRID_SERVICE: { dept: 'GRID', jurisdiction: '120112' },
    CASE_INVESTIGATION: { dept: 'PUBLIC_SECURITY', jurisdiction: '120112' },
  };
  const rule = (key: string) => publicSecurityPolicy.fields[key] ?? publicSecurityPolicy.fields[`${key.split('.')[0]}.*`];

  it.each(POLICY_COLUMNS.filter((purpose) => USERS[purpose]))('%s', async (purpose) => {
    const user = { ...USERS[purpose]!, jurisdiction: street };
    const response = await ask(user, purpose, `{ floatingPopulation(first: 3, filter: { residenceType: "02" }) { totalCount nodes { id inflowReason landlord { id } } } }`, {});
    const errorAt = (path: string) => response.errors?.find((e) => e.path?.join('.') === path)?.extensions?.code;
    if (outcomeFor(rule('Query.floatingPopulation'), purpose) === 'DENIED') {
      expect(errorAt('floatingPopulation')).toBe('FORBIDDEN');
      expect(response.data).toBeNull();
      return;
    }
    const nodes = response.data.floatingPopulation.nodes;
    expect(nodes).toHaveLength(3);
    for (const [i, node] of nodes.entries()) {
      expect(node.inflowReason).toMatch(/^(0[1-9]|99)$/);
      if (outcomeFor(rule('FloatingRegistration.landlord'), purpose) === 'DENIED') {
        expect(node.landlord).toBeNull();
        expect(errorAt(`floatingPopulation.nodes.${i}.landlord`)).toBe('FORBIDDEN');
      } else expect(node.landlord.id).toMatch(/^P[0-9a-f]{24}$/);
    }
    // Searching by landlord reveals the same tenancy fact: allowed exactly where the field is.
    const byLandlord = await ask(user, purpose, SEARCH, { filter: { landlordIdNumber: '120112198503120018' } });
    const expected = outcomeFor(rule('FloatingRegistration.landlord'), purpose) === 'DENIED' ? 'FORBIDDEN' : undefined;
    expect(byLandlord.errors?.[0]?.extensions?.code).toBe(expected);
  });

  it('the grid center sees the same street as the police, landlords included', async () => {
    const grid = await allPages({ residenceType: '02' }, undefined, { dept: 'GRID', jurisdiction: street }, 'GRID_SERVICE');
    const police = await allPages({ residenceType: '02' });
    expect(grid.ids).toEqual(police.ids);
  });
});
