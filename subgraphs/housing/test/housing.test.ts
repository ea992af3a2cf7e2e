import 'reflect-metadata';
import type { RunningSubgraph } from '@hub/subgraph-kit';
import { startSubgraph } from '@hub/subgraph-kit';
import { internalToken, postGraphQL, isolatedDatabaseName, recordDataStatements } from '@hub/testkit';
import { housingSubgraph } from '../src/subgraph';

/**
 * Fixtures live in a synthetic community of 咸水沽镇 (120112100398) and use ids with a `zzh-` prefix that
 * no seeded row uses; only these rows are deleted, so a seeded district in the same database survives.
 */
const COMMUNITY = '120112100398';
const GRID = `${COMMUNITY}001`;
const OWNERS = 100;
const dwellingId = (i: number) => `zzh-d-${String(i).padStart(3, '0')}`;
const personId = (i: number) => `zzh-p-${String(i).padStart(3, '0')}`;
const coOwned = (i: number) => (i % 4 === 0 ? 100 + ((i / 4) % 20) : null);

let running: RunningSubgraph;
const statements: string[] = [];
const sqlStatements = () => statements.filter((line) => /\b(select|insert|update|delete)\b/i.test(line));

async function execute(sql: string, params: unknown[] = []): Promise<void> {
  await running.orm.em.getConnection().execute(sql, params);
}

async function deleteFixtures(): Promise<void> {
  await execute(`delete from tenancy where dwelling_id like 'zzh-%'`);
  await execute(`delete from ownership where dwelling_id like 'zzh-%'`);
  await execute(`delete from dwelling where id like 'zzh-%'`);
}

async function insertFixtures(): Promise<void> {
  const dwellings = Array.from({ length: 120 }, (_, i) => [
    dwellingId(i),
    `${COMMUNITY}01${String(i).padStart(4, '0')}`,
    `天津市津南区咸水沽镇测试社区${Math.floor(i / 12) + 1}号楼${(i % 12) + 101}室`,
    i < 100 ? '01' : '06',
    (89.5 + i).toFixed(2),
    COMMUNITY,
    GRID,
  ]);
  await execute(`insert into dwelling (id, address_code, address, building_use, area, region_code, grid_code) values ${dwellings.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, dwellings.flat());
  const ownerships: unknown[][] = [];
  for (let i = 0; i < OWNERS; i++) {
    ownerships.push([dwellingId(i), personId(i), 1, '2015-06-01']);
    const shared = coOwned(i);
    if (shared !== null) ownerships.push([dwellingId(shared), personId(i), 0.5, '2020-09-15']);
  }
  await execute(`insert into ownership (dwelling_id, owner_person_id, share, registered_on) values ${ownerships.map(() => '(?, ?, ?, ?)').join(', ')}`, ownerships.flat());
  // Three tenancies of dwelling 0: one ended, one open-ended, one fixed-term still running.
  await execute(
    `insert into tenancy (dwelling_id, tenant_person_id, landlord_person_id, rental_use, start_on, end_on) values
       (?, ?, ?, '02', '2022-01-01', '2023-12-31'),
       (?, ?, ?, '02', '2024-03-01', null),
       (?, ?, ?, '01', '2025-01-01', '2099-12-31')`,
    [dwellingId(0), personId(50), personId(0), dwellingId(0), personId(51), personId(0), dwellingId(0), personId(52), personId(0)],
  );
}

async function housingToken(jurisdiction = '120112'): Promise<Record<string, string>> {
  return { 'x-gridhub-internal-token': await internalToken({ dept: 'HOUSING', jurisdiction, purpose: 'HOUSING_ADMINISTRATION' }) };
}

async function query<T = any>(text: string, variables: Record<string, unknown> = {}) {
  const headers = await housingToken();
  statements.length = 0;
  const response = await postGraphQL<T>(running.url, text, variables, headers);
  return { ...response, statements: sqlStatements() };
}

beforeAll(async () => {
  running = await startSubgraph(housingSubgraph, { serverUrl: process.env.DATABASE_URL!, databaseName: isolatedDatabaseName('housing'), port: 0, onQuery: recordDataStatements(statements) });
  await deleteFixtures();
  await insertFixtures();
});

afterAll(async () => {
  if (!running) return;
  await deleteFixtures();
  await running.stop();
});

describe('housing subgraph', () => {
  test('a dwelling with its owners and its tenancies, current first', async () => {
    const { status, data, errors } = await query(
      `query ($id: ID!) {
        dwelling(id: $id) {
          id address addressCode area use regionCode
          owners { share registeredOn owner { id } dwelling { id } }
          tenancies { id rentalUse startOn endOn current tenant { id } landlord { id } dwelling { id address } }
        }
      }`,
      { id: dwellingId(0) },
    );
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data.dwelling).toMatchObject({
      id: dwellingId(0),
      address: '天津市津南区咸水沽镇测试社区1号楼101室',
      addressCode: `${COMMUNITY}010000`,
      area: 89.5,
      use: '01',
      regionCode: COMMUNITY,
      owners: [{ share: 1, registeredOn: '2015-06-01', owner: { id: personId(0) }, dwelling: { id: dwellingId(0) } }],
    });
    expect(typeof data.dwelling.area).toBe('number');
    const tenancies = data.dwelling.tenancies;
    expect(tenancies.map((t: any) => [t.tenant.id, t.landlord.id, t.rentalUse, t.startOn, t.endOn, t.current])).toEqual([
      [personId(51), personId(0), '02', '2024-03-01', null, true],
      [personId(52), personId(0), '01', '2025-01-01', '2099-12-31', true],
      [personId(50), personId(0), '02', '2022-01-01', '2023-12-31', false],
    ]);
    for (const tenancy of tenancies) {
      expect(tenancy.id).toMatch(/^\d+$/);
      expect(tenancy.dwelling).toEqual({ id: dwellingId(0), address: '天津市津南区咸水沽镇测试社区1号楼101室' });
    }
  });

  test('a co-owned dwelling lists both owners with their shares', async () => {
    const { data, errors } = await query(`query ($id: ID!) { dwelling(id: $id) { use area owners { share registeredOn owner { id } } } }`, { id: dwellingId(100) });
    expect(errors).toBeUndefined();
    expect(data.dwelling.use).toBe('06');
    expect(data.dwelling.area).toBe(189.5);
    expect(data.dwelling.owners).toEqual([
      { share: 0.5, registeredOn: '2020-09-15', owner: { id: personId(0) } },
      { share: 0.5, registeredOn: '2020-09-15', owner: { id: personId(80) } },
    ]);
  });

  test('an unknown dwelling is null; an id that cannot be a dwelling id is BAD_USER_INPUT', async () => {
    const unknown = await query(`{ dwelling(id: "zzh-none") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.dwelling).toBeNull();

    const bad = await query(`query ($id: ID!) { dwelling(id: $id) { id } }`, { id: 'x'.repeat(40) });
    expect(bad.data?.dwelling ?? null).toBeNull();
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/dwelling id/);
  });

  test('_entities for 100 people: owned dwellings and their count cost one statement each', async () => {
    const representations = Array.from({ length: OWNERS }, (_, i) => ({ __typename: 'Person', id: personId(i), accessScope: '120112100001001|' }));
    const {
      data,
      errors,
      statements: sql,
    } = await query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id ownedDwellings { id address } ownedDwellingCount } } }`, {
      representations,
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(OWNERS);
    data._entities.forEach((person: any, i: number) => {
      const expected = [dwellingId(i), ...(coOwned(i) === null ? [] : [dwellingId(coOwned(i)!)])];
      expect(person.id).toBe(personId(i));
      expect(person.ownedDwellings.map((d: any) => d.id)).toEqual(expected);
      expect(person.ownedDwellingCount).toBe(expected.length);
      expect(person.ownedDwellings[0].address).toBe(`天津市津南区咸水沽镇测试社区${Math.floor(i / 12) + 1}号楼${(i % 12) + 101}室`);
    });
    // ownership ⋈ dwelling (ownedDwellingsByOwner) + grouped count (ownedDwellingCountByOwner)
    expect(sql).toHaveLength(2);
    expect(sql.filter((line) => /join/i.test(line))).toHaveLength(1);
    expect(sql.filter((line) => /count\(/i.test(line))).toHaveLength(1);
  });

  test('a person who owns nothing has no dwellings and a count of 0', async () => {
    const { data, errors } = await query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ownedDwellings { id } ownedDwellingCount tenancies { id } } } }`,
      { representations: [{ __typename: 'Person', id: 'zzh-p-nobody', accessScope: '120112100001001|' }] },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([{ ownedDwellings: [], ownedDwellingCount: 0, tenancies: [] }]);
  });

  test("a person's tenancies as tenant", async () => {
    const { data, errors } = await query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id tenancies { rentalUse startOn current landlord { id } dwelling { id } } } } }`,
      { representations: [51, 50].map((i) => ({ __typename: 'Person', id: personId(i), accessScope: '120112100001001|' })) },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { id: personId(51), tenancies: [{ rentalUse: '02', startOn: '2024-03-01', current: true, landlord: { id: personId(0) }, dwelling: { id: dwellingId(0) } }] },
      { id: personId(50), tenancies: [{ rentalUse: '02', startOn: '2022-01-01', current: false, landlord: { id: personId(0) }, dwelling: { id: dwellingId(0) } }] },
    ]);
  });

  test('_entities for 100 dwellings: one statement per loader it touches', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Dwelling', id: dwellingId(i) }));
    const {
      data,
      errors,
      statements: sql,
    } = await query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Dwelling { id address area owners { share owner { id } } tenancies { current } } } }`, {
      representations,
    });
    expect(errors).toBeUndefined();
    expect(data._entities.map((d: any) => d.id)).toEqual(representations.map((r) => r.id));
    expect(data._entities[7]).toEqual({ id: dwellingId(7), address: '天津市津南区咸水沽镇测试社区1号楼108室', area: 96.5, owners: [{ share: 1, owner: { id: personId(7) } }], tenancies: [] });
    expect(data._entities[0].tenancies).toEqual([{ current: true }, { current: true }, { current: false }]);
    // dwellingById + ownershipsByDwelling + tenanciesByDwelling
    expect(sql).toHaveLength(3);
  });

  test('without the internal token every request is refused with 401 UNAUTHENTICATED, _service included', async () => {
    for (const text of [`{ dwelling(id: "${dwellingId(0)}") { id } }`, '{ _service { sdl } }']) {
      const response = await postGraphQL(running.url, text);
      expect(response.status).toBe(401);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const forged = await postGraphQL(running.url, '{ _service { sdl } }', {}, { 'x-gridhub-internal-token': 'not-a-token' });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('_service describes the housing subgraph', async () => {
    const { data } = await query('{ _service { sdl } }');
    expect(data._service.sdl).toMatch(/type Dwelling\s+@key\(fields: "id"\)/);
    expect(data._service.sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
    expect(data._service.sdl).toMatch(/ownedDwellingCount: Int/);
  });
});
