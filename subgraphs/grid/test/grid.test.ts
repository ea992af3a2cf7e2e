import 'reflect-metadata';
import type { RunningSubgraph } from '@hub/subgraph-kit';
import { encodeCursor, startSubgraph } from '@hub/subgraph-kit';
import { internalToken, postGraphQL, isolatedDatabaseName, recordDataStatements } from '@hub/testkit';
import { gridSubgraph } from '../src/subgraph';

/**
 * Fixtures: two synthetic communities of 咸水沽镇 (120112100398, 120112100399) with their grids, workers
 * and dwelling assignments (dwelling ids prefixed `zzg-`). Only these rows are deleted, so a seeded
 * district in the same database survives; the district and street rows are added only when missing.
 */
const DISTRICT = '120112';
const STREET = '120112100';
const OTHER_STREET = '120112001';
const COMMUNITY = '120112100398';
const OTHER_COMMUNITY = '120112100399';
const GRID_1 = `${COMMUNITY}001`;
const GRID_2 = `${COMMUNITY}002`;
const GRID_3 = `${COMMUNITY}003`;
const OTHER_GRID = `${OTHER_COMMUNITY}001`;
const dwellingId = (i: number) => `zzg-d-${String(i).padStart(3, '0')}`;
/** Grid 1 holds dwellings 0–44, grid 2 holds 100–149, the other community's grid holds 200. */
const GRID_1_DWELLINGS = Array.from({ length: 45 }, (_, i) => dwellingId(i));
const GRID_2_DWELLINGS = Array.from({ length: 50 }, (_, i) => dwellingId(100 + i));

let running: RunningSubgraph;
const statements: string[] = [];
const sqlStatements = () => statements.filter((line) => /\b(select|insert|update|delete)\b/i.test(line));

async function execute(sql: string, params: unknown[] = []): Promise<void> {
  await running.orm.em.getConnection().execute(sql, params);
}

async function deleteFixtures(): Promise<void> {
  const communities = [COMMUNITY, OTHER_COMMUNITY];
  await execute(`delete from dwelling_grid where dwelling_id like 'zzg-%' or grid_code in (select code from grid where region_code in (?, ?))`, communities);
  await execute('delete from grid_worker where grid_code in (select code from grid where region_code in (?, ?))', communities);
  await execute('delete from grid where region_code in (?, ?)', communities);
  await execute('delete from region where code in (?, ?)', communities);
}

async function insertFixtures(): Promise<void> {
  await execute(
    `insert into region (code, name, level, parent_code) values
       (?, '天津市津南区', 'DISTRICT', null), (?, '咸水沽镇', 'STREET', ?), (?, '双新街道', 'STREET', ?)
     on conflict (code) do nothing`,
    [DISTRICT, STREET, DISTRICT, OTHER_STREET, DISTRICT],
  );
  await execute(`insert into region (code, name, level, parent_code) values (?, '测试社区', 'COMMUNITY', ?), (?, '测试二社区', 'COMMUNITY', ?)`, [COMMUNITY, STREET, OTHER_COMMUNITY, STREET]);
  await execute(`insert into grid (code, name, region_code) values (?, '测试社区第一网格', ?), (?, '测试社区第二网格', ?), (?, '测试社区第三网格', ?), (?, '测试二社区第一网格', ?)`, [
    GRID_1,
    COMMUNITY,
    GRID_2,
    COMMUNITY,
    GRID_3,
    COMMUNITY,
    OTHER_GRID,
    OTHER_COMMUNITY,
  ]);
  await execute(
    `insert into grid_worker (id, grid_code, name, phone, role) values
       ('zzg-w-001', ?, '王建国', '13802200101', 'GRID_WORKER'),
       ('zzg-w-002', ?, '李秀英', '13802200102', 'GRID_LEADER'),
       ('zzg-w-003', ?, '赵敏', null, 'GRID_WORKER'),
       ('zzg-w-004', ?, '孙丽', '13802200104', 'GRID_LEADER')`,
    [GRID_1, GRID_1, GRID_1, GRID_2],
  );
  const assignments = [...GRID_1_DWELLINGS.map((id) => [id, GRID_1]), ...GRID_2_DWELLINGS.map((id) => [id, GRID_2]), [dwellingId(200), OTHER_GRID]];
  // Inserted in reverse so that the page order comes from the query, not from the heap.
  assignments.reverse();
  await execute(`insert into dwelling_grid (dwelling_id, grid_code, assigned_on) values ${assignments.map(() => `(?, ?, '2024-01-15')`).join(', ')}`, assignments.flat());
}

async function query<T = any>(text: string, variables: Record<string, unknown> = {}, jurisdiction = COMMUNITY) {
  const headers = { 'x-gridhub-internal-token': await internalToken({ dept: 'GRID', jurisdiction, purpose: 'GRID_SERVICE' }) };
  statements.length = 0;
  const response = await postGraphQL<T>(running.url, text, variables, headers);
  return { ...response, statements: sqlStatements() };
}

beforeAll(async () => {
  running = await startSubgraph(gridSubgraph, { serverUrl: process.env.DATABASE_URL!, databaseName: isolatedDatabaseName('grid'), port: 0, onQuery: recordDataStatements(statements) });
  await deleteFixtures();
  await insertFixtures();
});

afterAll(async () => {
  if (!running) return;
  await deleteFixtures();
  await running.stop();
});

describe('grid subgraph', () => {
  test('a grid with its community, workers (网格长 first) and dwellings', async () => {
    const { status, data, errors } = await query(
      `query ($code: String!) {
        grid(code: $code) {
          code name regionCode
          region { code name level parentCode }
          workers { id name phone role }
          dwellingCount
          dwellings(first: 3) { id }
        }
      }`,
      { code: GRID_1 },
    );
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data.grid).toEqual({
      code: GRID_1,
      name: '测试社区第一网格',
      regionCode: COMMUNITY,
      region: { code: COMMUNITY, name: '测试社区', level: 'COMMUNITY', parentCode: STREET },
      workers: [
        { id: 'zzg-w-002', name: '李秀英', phone: '13802200102', role: 'GRID_LEADER' },
        { id: 'zzg-w-001', name: '王建国', phone: '13802200101', role: 'GRID_WORKER' },
        { id: 'zzg-w-003', name: '赵敏', phone: null, role: 'GRID_WORKER' },
      ],
      dwellingCount: 45,
      dwellings: [{ id: dwellingId(0) }, { id: dwellingId(1) }, { id: dwellingId(2) }],
    });
  });

  test('an unknown grid is null; a code that is not 15 digits is BAD_USER_INPUT', async () => {
    const unknown = await query(`{ grid(code: "${COMMUNITY}999") { code } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.grid).toBeNull();

    for (const code of ['abc', COMMUNITY, `${GRID_1}0`]) {
      const bad = await query('query ($code: String!) { grid(code: $code) { code } }', { code });
      expect(bad.data?.grid ?? null).toBeNull();
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].message).toMatch(/15 digit grid code/);
    }
  });

  test("grids are limited to the caller's jurisdiction and ordered by code", async () => {
    const codes = async (regionCode: string | null, jurisdiction?: string) => {
      const { data, errors } = await query('query ($regionCode: String) { grids(regionCode: $regionCode) { code } }', { regionCode }, jurisdiction);
      expect(errors).toBeUndefined();
      return data.grids.map((grid: { code: string }) => grid.code);
    };
    expect(await codes(null)).toEqual([GRID_1, GRID_2, GRID_3]);
    // A wider region is narrowed to the jurisdiction; a grid code selects one grid.
    expect(await codes(DISTRICT)).toEqual([GRID_1, GRID_2, GRID_3]);
    expect(await codes(GRID_2)).toEqual([GRID_2]);
    // A street officer sees both communities' grids.
    const street = await codes(null, STREET);
    expect(street).toEqual(expect.arrayContaining([GRID_1, GRID_2, GRID_3, OTHER_GRID]));
    expect(street.every((code: string) => code.startsWith(STREET))).toBe(true);
    expect(street).toEqual([...street].sort());
    expect(await codes(OTHER_COMMUNITY, STREET)).toEqual([OTHER_GRID]);
    // A grid worker's jurisdiction is their grid.
    expect(await codes(null, GRID_3)).toEqual([GRID_3]);
  });

  test('a regionCode outside the jurisdiction is OUT_OF_JURISDICTION; a malformed one BAD_USER_INPUT', async () => {
    for (const regionCode of [OTHER_COMMUNITY, OTHER_GRID, OTHER_STREET]) {
      const { data, errors } = await query('query ($regionCode: String) { grids(regionCode: $regionCode) { code } }', { regionCode });
      expect(data).toBeNull();
      expect(errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
      expect(errors?.[0].message).toContain(regionCode);
    }
    for (const regionCode of ['abc', '1201121', `${GRID_1}9`]) {
      const { errors } = await query('query ($regionCode: String) { grids(regionCode: $regionCode) { code } }', { regionCode });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  test("regions walk from the district down to the caller's own community, and no further aside", async () => {
    const regions = async (parentCode: string | null, jurisdiction?: string) => {
      const { data, errors } = await query('query ($parentCode: String) { regions(parentCode: $parentCode) { code name level parentCode } }', { parentCode }, jurisdiction);
      expect(errors).toBeUndefined();
      return data.regions;
    };
    expect(await regions(null)).toEqual([{ code: DISTRICT, name: expect.any(String), level: 'DISTRICT', parentCode: null }]);
    expect(await regions(DISTRICT)).toEqual([{ code: STREET, name: expect.any(String), level: 'STREET', parentCode: DISTRICT }]);
    expect(await regions(STREET)).toEqual([{ code: COMMUNITY, name: '测试社区', level: 'COMMUNITY', parentCode: STREET }]);
    expect(await regions(COMMUNITY)).toEqual([]);
    const streetView = (await regions(STREET, STREET)).map((region: { code: string }) => region.code);
    expect(streetView).toEqual(expect.arrayContaining([COMMUNITY, OTHER_COMMUNITY]));

    const nested = await query(`{ regions { code children { code children { code } } } }`);
    expect(nested.errors).toBeUndefined();
    expect(nested.data.regions).toEqual([{ code: DISTRICT, children: [{ code: STREET, children: [{ code: COMMUNITY }] }] }]);

    const outside = await query(`{ regions(parentCode: "${OTHER_STREET}") { code } }`);
    expect(outside.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    const malformed = await query(`{ regions(parentCode: "1201") { code } }`);
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('Grid.dwellings pages by dwelling id: stable and complete', async () => {
    const page = async (first: number, after?: string) => {
      const { data, errors } = await query('query ($code: String!, $first: Int, $after: String) { grid(code: $code) { dwellings(first: $first, after: $after) { id } } }', {
        code: GRID_1,
        first,
        after,
      });
      expect(errors).toBeUndefined();
      return data.grid.dwellings.map((dwelling: { id: string }) => dwelling.id) as string[];
    };
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    for (;;) {
      const ids = await page(20, after);
      sizes.push(ids.length);
      seen.push(...ids);
      if (ids.length < 20) break;
      after = encodeCursor(ids[ids.length - 1]);
    }
    expect(sizes).toEqual([20, 20, 5]);
    expect(seen).toEqual(GRID_1_DWELLINGS);
    // The same cursor gives the same page.
    expect(await page(20, encodeCursor(dwellingId(19)))).toEqual(seen.slice(20, 40));
    expect(await page(20, encodeCursor(dwellingId(19)))).toEqual(seen.slice(20, 40));
    // Default size 20, at most 500, and 0 is an empty page.
    const { data } = await query(`{ grid(code: "${GRID_1}") { dwellings { id } } }`);
    expect(data.grid.dwellings).toHaveLength(20);
    expect(await page(500)).toEqual(GRID_1_DWELLINGS);
    expect(await page(0)).toEqual([]);

    const tooMany = await query(`{ grid(code: "${GRID_1}") { dwellings(first: 501) { id } } }`);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await query(`{ grid(code: "${GRID_1}") { dwellings(after: "not-a-cursor") { id } } }`);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a list of grids with their pages, counts, workers and regions: one statement per loader', async () => {
    const { data, errors, statements: sql } = await query(`{ grids { code dwellingCount dwellings(first: 10) { id } workers { role } region { name } } }`);
    expect(errors).toBeUndefined();
    expect(data.grids.map((g: any) => [g.code, g.dwellingCount, g.dwellings.length, g.workers.length, g.region.name])).toEqual([
      [GRID_1, 45, 10, 3, '测试社区'],
      [GRID_2, 50, 10, 1, '测试社区'],
      [GRID_3, 0, 0, 0, '测试社区'],
    ]);
    expect(data.grids[1].dwellings[0]).toEqual({ id: dwellingId(100) });
    // grids + dwellingIdPage + dwellingCountByGrid + workersByGrid + regionByCode
    expect(sql).toHaveLength(5);
  });

  test('_entities for 100 dwellings costs one statement (dwelling_grid ⋈ grid)', async () => {
    const ids = [...GRID_1_DWELLINGS, ...GRID_2_DWELLINGS, ...Array.from({ length: 5 }, (_, i) => `zzg-none-${i}`)];
    expect(ids).toHaveLength(100);
    const {
      data,
      errors,
      statements: sql,
    } = await query('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Dwelling { id grid { code name } } } }', {
      representations: ids.map((id) => ({ __typename: 'Dwelling', id })),
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(100);
    expect(data._entities[0]).toEqual({ id: dwellingId(0), grid: { code: GRID_1, name: '测试社区第一网格' } });
    expect(data._entities[45]).toEqual({ id: dwellingId(100), grid: { code: GRID_2, name: '测试社区第二网格' } });
    expect(data._entities[99]).toEqual({ id: 'zzg-none-4', grid: null });
    expect(data._entities.filter((d: any) => d.grid?.code === GRID_1)).toHaveLength(45);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/join/i);
  });

  test('_entities for 100 people resolves Person.grid from the required residence { id } in one statement', async () => {
    const residences = [...GRID_1_DWELLINGS, ...GRID_2_DWELLINGS.slice(0, 50), dwellingId(200), 'zzg-none-0', null, null];
    const representations = residences.map((id, i) => ({ __typename: 'Person', id: `zzg-p-${String(i).padStart(3, '0')}`, residence: id === null ? null : { id }, accessScope: '120112100398001|' }));
    expect(representations).toHaveLength(99);
    representations.push({ __typename: 'Person', id: 'zzg-p-099', residence: { id: dwellingId(1) }, accessScope: '120112100398001|' });
    const {
      data,
      errors,
      statements: sql,
    } = await query('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id grid { code } } } }', { representations });
    // The dwelling of the other community lies outside the caller's community: its grid is withheld.
    expect(errors).toEqual([expect.objectContaining({ path: ['_entities', 95, 'grid'], extensions: { code: 'OUT_OF_JURISDICTION' } })]);
    const grids = data._entities.map((person: any) => person.grid?.code ?? null);
    expect(grids.slice(0, 45).every((code: string) => code === GRID_1)).toBe(true);
    expect(grids.slice(45, 95).every((code: string) => code === GRID_2)).toBe(true);
    expect(grids.slice(95)).toEqual([null, null, null, null, GRID_1]);
    expect(OTHER_GRID.startsWith(COMMUNITY)).toBe(false);
    expect(data._entities[0].id).toBe('zzg-p-000');
    expect(sql).toHaveLength(1);
  });

  test('_entities for grids resolves through gridByCode', async () => {
    const {
      data,
      errors,
      statements: sql,
    } = await query('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Grid { code name regionCode dwellingCount } } }', {
      representations: [GRID_2, `${COMMUNITY}999`, GRID_1].map((code) => ({ __typename: 'Grid', code })),
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { code: GRID_2, name: '测试社区第二网格', regionCode: COMMUNITY, dwellingCount: 50 },
      null,
      { code: GRID_1, name: '测试社区第一网格', regionCode: COMMUNITY, dwellingCount: 45 },
    ]);
    // gridByCode + dwellingCountByGrid
    expect(sql).toHaveLength(2);
  });

  test('without the internal token every request is refused with 401 UNAUTHENTICATED, _service included', async () => {
    for (const text of [`{ grid(code: "${GRID_1}") { code } }`, '{ _service { sdl } }']) {
      const response = await postGraphQL(running.url, text);
      expect(response.status).toBe(401);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('_service carries the federation directives of Person.grid', async () => {
    const { data } = await query('{ _service { sdl } }');
    const sdl: string = data._service.sdl;
    expect(sdl).toMatch(/type Grid\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Dwelling\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/residence: Dwelling @external/);
    expect(sdl).toMatch(/grid: Grid @requires\(fields: "residence \{ id \} accessScope"\)/);
  });
});
