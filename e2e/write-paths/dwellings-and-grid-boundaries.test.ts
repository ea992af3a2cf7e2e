/**
 * Issue #14: new dwellings and grid boundary changes, with the copies kept in step. Housing registers a dwelling
 * (实有房屋登记); the grid center's supervisor places it in its grid and moves dwellings with their residents from one
 * grid to another (网格划分调整). The grid center owns `dwelling_grid`; housing's `dwelling.grid_code`, population's
 * `household.grid_code` / `person.residence_grid_code` and public security's `floating_registration.grid_code` (of an
 * ACTIVE registration) are copies, and each department writes its own, at its `/internal/grid-assignment`, inside the
 * grid's write: nothing is left stale. A department that cannot apply the
 * change fails the grid's write, and the client's retry with the same clientRequestId finishes it. A boundary change
 * stays within a community (a 网格 subdivides a 社区): housing refuses a dwelling of another community than the grid's.
 *
 * These writes move residents between grids that other files count, so this file works on a seeded district of its own.
 */
import { randomUUID } from 'node:crypto';
import { accessLogSql } from '@hub/audit';
import { todayInChina } from '@hub/domain';
import { startNodeProcess, subgraphEntry, waitForHealthy } from '@hub/stack';
import { postGraphQL, seedOwnDistrict, startHub, userToken, type GraphQLResponse, type OwnDistrict, type RunningHub, type TestUser } from '@hub/testkit';
import { SUBGRAPHS, subgraphUrlVariable } from '@hub/topology';

let district: OwnDistrict;
let hub: RunningHub;

const HOUSING_OFFICER: TestUser = { dept: 'HOUSING', jurisdiction: '120112', role: 'OFFICER', sub: `housing-registrar-${randomUUID().slice(0, 8)}`, name: '房屋登记员' };
const SUPERVISOR: TestUser = { dept: 'GRID', jurisdiction: '120112', role: 'SUPERVISOR', sub: `grid-supervisor-${randomUUID().slice(0, 8)}`, name: '网格中心主任' };
const POLICE_OFFICER: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: '120112', role: 'OFFICER', sub: `ps-officer-${randomUUID().slice(0, 8)}`, name: '社区民警' };

async function as(user: TestUser, purpose: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose });
}

const sql = <T>(subgraph: string, text: string, values: unknown[] = []): Promise<T[]> => district.query<T>(subgraph, text, values);

const changesBy = (subgraph: string, clientRequestId: string) =>
  sql<{ record_type: string; record_id: string; operation: string; before: Record<string, unknown> | null; after: Record<string, unknown>; changed_by: string }>(
    subgraph,
    'select record_type, record_id, operation, before, after, changed_by from record_change where client_request_id = $1 order by record_type, record_id, id',
    [clientRequestId],
  );

/** Where each department says the dwellings are: the grid's assignment, housing's copy, population's copies, public security's. */
async function gridsOf(dwellingIds: string[]) {
  const [grid, housing, households, persons, registrations] = await Promise.all([
    sql<{ id: string; grid: string }>('grid', 'select dwelling_id as id, grid_code as grid from dwelling_grid where dwelling_id = any($1) order by 1', [dwellingIds]),
    sql<{ id: string; grid: string | null }>('housing', 'select id, grid_code as grid from dwelling where id = any($1) order by 1', [dwellingIds]),
    sql<{ id: string; grid: string | null }>('population', 'select distinct dwelling_id as id, grid_code as grid from household where dwelling_id = any($1) order by 1, 2', [dwellingIds]),
    sql<{ id: string; grid: string | null }>('population', 'select distinct residence_dwelling_id as id, residence_grid_code as grid from person where residence_dwelling_id = any($1) order by 1, 2', [
      dwellingIds,
    ]),
    sql<{ id: string; grid: string | null }>(
      'public-security',
      "select distinct dwelling_id as id, grid_code as grid from floating_registration where dwelling_id = any($1) and status = 'ACTIVE' order by 1, 2",
      [dwellingIds],
    ),
  ]);
  return { grid, housing, households, persons, registrations };
}

/** A dwelling of the grid that people live in, one with an ACTIVE floating registration first (a copy in every department). */
async function livedDwellingOf(gridCode: string): Promise<string> {
  const registeredAt = (
    await sql<{ id: string }>('public-security', "select distinct dwelling_id as id from floating_registration where grid_code = $1 and status = 'ACTIVE' and dwelling_id is not null", [gridCode])
  ).map((row) => row.id);
  const [lived] = await sql<{ id: string }>(
    'population',
    'select residence_dwelling_id as id from person where residence_grid_code = $1 and death_date is null group by 1 order by bool_or(residence_dwelling_id = any($2)) desc, 1 limit 1',
    [gridCode, registeredAt],
  );
  return lived.id;
}

beforeAll(async () => {
  district = await seedOwnDistrict('boundaries');
  hub = await startHub({ env: { DB_PREFIX: district.prefix } });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  await district?.drop();
});

const REGISTER = 'mutation($input: RegisterDwellingInput!) { registerDwelling(input: $input) { id addressCode address use area regionCode grid { code } } }';
const ASSIGN = 'mutation($input: AssignDwellingsToGridInput!) { assignDwellingsToGrid(input: $input) { gridCode placed moved unchanged grid { code } dwellings { id grid { code } } } }';
const GRID_PAGE = 'query($code: String!) { grid(code: $code) { code dwellings(first: 500) { id grid { code } } residents(first: 500) { totalCount nodes { id } } } }';

type GridRow = { code: string; region_code: string };
/** Two grids of one community: a boundary change moves dwellings between grids of a community, never out of it. */
let community: [GridRow, GridRow];
/** A grid of another community, in another street. */
let elsewhere: GridRow;
let registered: string;

beforeAll(async () => {
  const grids = await sql<GridRow>('grid', 'select code, region_code from grid order by code');
  const [first, second] = grids.filter((grid) => grids.filter((other) => other.region_code === grid.region_code).length >= 2);
  expect(second?.region_code).toBe(first.region_code);
  community = [first, second];
  elsewhere = grids.find((grid) => grid.code.slice(0, 9) !== first.code.slice(0, 9))!;
});

describe('housing: 实有房屋登记', () => {
  const input = () => {
    const [grid] = community;
    return {
      addressCode: `${grid.region_code}999010101`,
      address: '天津市津南区测试社区999号楼1单元101',
      use: '01',
      area: 89.5,
      communityCode: grid.region_code,
      gridCode: grid.code,
      clientRequestId: randomUUID(),
    };
  };
  let first: ReturnType<typeof input>;

  it('registers a dwelling at a new standard address, once under retry, with its record and its audit', async () => {
    first = input();
    const done = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', REGISTER, { input: first });
    expect(done.errors).toBeUndefined();
    registered = done.data.registerDwelling.id;
    expect(done.data.registerDwelling).toEqual({
      id: expect.stringMatching(/^D9\d{7}$/),
      addressCode: first.addressCode,
      address: first.address,
      use: '01',
      area: 89.5,
      regionCode: first.communityCode,
      grid: null,
    });
    expect(await changesBy('housing', first.clientRequestId)).toEqual([
      expect.objectContaining({
        record_type: 'dwelling',
        record_id: registered,
        operation: 'registerDwelling',
        before: null,
        after: expect.objectContaining({ addressCode: first.addressCode, gridCode: first.gridCode }),
        changed_by: HOUSING_OFFICER.sub,
      }),
    ]);
    const logged = await sql('housing', accessLogSql.select('outcome', 'user_sub = $1 and field_classes = array[$2]::text[]', 'order by id'), [HOUSING_OFFICER.sub, 'housing.dwelling.write']);
    expect(logged).toEqual([{ outcome: 'CLEAR' }]);

    const retried = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', REGISTER, { input: first });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.registerDwelling.id).toBe(registered);
    expect(await changesBy('housing', first.clientRequestId)).toHaveLength(1);
    expect(await sql('housing', 'select count(*)::int as n from dwelling where address_code = $1', [first.addressCode])).toEqual([{ n: 1 }]);
  });

  it('refuses an address already registered, malformed or unknown codes, a grid of another community, an area out of range', async () => {
    const duplicate = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', REGISTER, { input: { ...first, clientRequestId: randomUUID() } });
    expect(duplicate.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining(`标准地址编码 ${first.addressCode} 已登记为房屋 ${registered}，一个地址只登记一套房屋`),
    });
    const [seeded] = await sql<{ id: string; address_code: string; region_code: string }>('housing', "select id, address_code, region_code from dwelling where id < 'D9' order by id limit 1");
    const seededAgain = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', REGISTER, {
      input: { ...input(), addressCode: seeded.address_code, communityCode: seeded.region_code, gridCode: null },
    });
    expect(seededAgain.errors?.[0].message).toContain(`已登记为房屋 ${seeded.id}`);

    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ addressCode: '12011200100199901010' }, 'must be 21 digits'],
      [{ addressCode: `${elsewhere.region_code}999010101` }, 'is not an address of community'],
      [{ communityCode: '12011200100' }, 'must be a 12-digit community'],
      [{ communityCode: '120112999001', addressCode: '120112999001999010101', gridCode: null }, 'is not a community of the district'],
      [{ gridCode: elsewhere.code }, `gridCode ${elsewhere.code} is not a grid of community ${community[0].region_code}`],
      [{ gridCode: '12011200100100' }, 'gridCode must be a 15-digit grid code'],
      [{ use: '07' }, 'use must be'],
      [{ area: 0 }, 'area must be more than 0'],
      [{ area: 60_000 }, 'at most 50000'],
      [{ area: 80.125 }, 'at most two decimals'],
      [{ address: '  ' }, 'address must be 1 to 200'],
      [{ clientRequestId: 'x' }, 'clientRequestId must be'],
    ];
    for (const [change, message] of refusals) {
      const refused = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', REGISTER, { input: { ...input(), ...change } });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining(message) });
    }
    expect(await sql('housing', "select count(*)::int as n from dwelling where id >= 'D9'")).toEqual([{ n: 1 }]);
  });

  it('refuses a community outside the jurisdiction, another role and another purpose', async () => {
    const [grid] = community;
    const otherStreet = elsewhere.code.slice(0, 9);
    const fresh = { ...input(), addressCode: `${grid.region_code}998010101` };
    const outside = await as({ ...HOUSING_OFFICER, jurisdiction: otherStreet }, 'HOUSING_ADMINISTRATION', REGISTER, { input: fresh });
    expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'OUT_OF_JURISDICTION' }, message: expect.stringContaining(`outside your jurisdiction ${otherStreet}`) });
    expect((await as({ ...HOUSING_OFFICER, role: 'AUDITOR' }, 'HOUSING_ADMINISTRATION', REGISTER, { input: fresh })).errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('is for OFFICER or SUPERVISOR'),
    });
    expect((await as(SUPERVISOR, 'GRID_SERVICE', REGISTER, { input: fresh })).errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('not available for purpose GRID_SERVICE'),
    });
    expect(await sql('housing', 'select count(*)::int as n from dwelling where address_code = $1', [fresh.addressCode])).toEqual([{ n: 0 }]);
  });
});

describe('the grid center: 网格划分调整, the copies following', () => {
  it('places the registered dwelling in its grid: the grid, housing and the gateway agree', async () => {
    const [grid] = community;
    const clientRequestId = randomUUID();
    const placed = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [registered], gridCode: grid.code, clientRequestId } });
    expect(placed.errors).toBeUndefined();
    expect(placed.data.assignDwellingsToGrid).toEqual({
      gridCode: grid.code,
      placed: 1,
      moved: 0,
      unchanged: 0,
      grid: { code: grid.code },
      dwellings: [{ id: registered, grid: { code: grid.code } }],
    });
    expect(await gridsOf([registered])).toEqual({
      grid: [{ id: registered, grid: grid.code }],
      housing: [{ id: registered, grid: grid.code }],
      households: [],
      persons: [],
      registrations: [],
    });
    expect(await changesBy('grid', clientRequestId)).toEqual([
      expect.objectContaining({ record_type: 'dwelling_grid', record_id: registered, operation: 'assignDwellingsToGrid', before: null, after: expect.objectContaining({ gridCode: grid.code }) }),
    ]);
    // Housing's copy was right already (given at registration): no history row for it, the claim all the same.
    expect(await changesBy('housing', clientRequestId)).toEqual([]);
    const page = await as(SUPERVISOR, 'GRID_SERVICE', GRID_PAGE, { code: grid.code });
    expect(page.errors).toBeUndefined();
    expect(page.data.grid.dwellings.map((d: { id: string }) => d.id)).toContain(registered);
  });

  it('refuses a dwelling housing does not have, a grid outside the jurisdiction, nothing to change, and anyone but the supervisor', async () => {
    const [a, b] = community;
    const unknown = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [registered, 'D99999998'], gridCode: b.code, clientRequestId: randomUUID() } });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', department: 'HOUSING' }, message: expect.stringContaining('housing has no dwelling D99999998') });
    // In Chinese first, naming the dwelling: the console shows that part.
    expect(unknown.errors?.[0].message).toMatch(/^住房（房屋）系统拒绝了网格调整：没有这些房屋：D99999998 \(/);
    // The supervisor of another street: the grid is outside the jurisdiction.
    const streetSupervisor = { ...SUPERVISOR, jurisdiction: elsewhere.code.slice(0, 9) };
    const outside = await as(streetSupervisor, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [registered], gridCode: b.code, clientRequestId: randomUUID() } });
    expect(outside.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    // A grid of that street, but the dwelling's grid is not: its old grid must be within the jurisdiction too.
    const [dwellingOfB] = await sql<{ id: string }>('grid', 'select dwelling_id as id from dwelling_grid where grid_code = $1 order by 1 limit 1', [b.code]);
    const oldOutside = await as(streetSupervisor, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [dwellingOfB.id], gridCode: elsewhere.code, clientRequestId: randomUUID() } });
    expect(oldOutside.errors?.[0]).toMatchObject({ extensions: { code: 'OUT_OF_JURISDICTION' }, message: expect.stringContaining(`is in grid ${b.code}`) });
    const nothing = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [registered], gridCode: a.code, clientRequestId: randomUUID() } });
    expect(nothing.errors?.[0].message).toContain('nothing to change');
    const twice = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [registered, registered], gridCode: b.code, clientRequestId: randomUUID() } });
    expect(twice.errors?.[0].message).toContain('twice');
    expect(
      (await as({ ...SUPERVISOR, role: 'OFFICER' }, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [registered], gridCode: b.code, clientRequestId: randomUUID() } })).errors?.[0].message,
    ).toContain('is for SUPERVISOR');
    expect((await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', ASSIGN, { input: { dwellingIds: [registered], gridCode: b.code, clientRequestId: randomUUID() } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await gridsOf([registered])).grid).toEqual([{ id: registered, grid: a.code }]);
    expect((await gridsOf([registered])).housing).toEqual([{ id: registered, grid: a.code }]);
  });

  it('refuses a dwelling of another community than the grid’s, housing naming it and both communities (after an unknown dwelling and the jurisdiction): nothing changes in any department', async () => {
    const [a] = community;
    // A dwelling of the grid with residents and an ACTIVE floating registration (a copy in every department), and the registered one.
    const lived = await livedDwellingOf(a.code);
    const dwellings = [lived, registered].sort();
    const before = await gridsOf(dwellings);
    expect(before.grid).toEqual(dwellings.map((id) => ({ id, grid: a.code })));
    expect(before.housing).toEqual(dwellings.map((id) => ({ id, grid: a.code })));
    expect(before.persons).toEqual([{ id: lived, grid: a.code }]);
    expect(before.registrations).toEqual([{ id: lived, grid: a.code }]);

    const clientRequestId = randomUUID();
    const refused = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: dwellings, gridCode: elsewhere.code, clientRequestId } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', department: 'HOUSING' });
    // In Chinese first, naming the dwellings and both communities: the console shows that part.
    expect(refused.errors?.[0].message).toContain(
      `住房（房屋）系统拒绝了网格调整：房屋 ${dwellings.join('、')} 属于社区 ${a.region_code}，不能划入社区 ${elsewhere.region_code} 的网格 ${elsewhere.code}：` +
        '网格划分调整只在同一社区内进行，跨社区调整属于行政区划调整 (',
    );
    expect(refused.errors?.[0].message).toContain(`of community ${a.region_code} cannot go into grid ${elsewhere.code} of community ${elsewhere.region_code}`);
    expect(await gridsOf(dwellings)).toEqual(before);
    for (const subgraph of ['grid', 'housing', 'population', 'public-security']) expect(await changesBy(subgraph, clientRequestId)).toEqual([]);

    // An unknown dwelling is named first.
    const unknown = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [...dwellings, 'D99999997'], gridCode: elsewhere.code, clientRequestId: randomUUID() } });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', department: 'HOUSING' }, message: expect.stringContaining('没有这些房屋：D99999997 (') });

    // A dwelling registered in another street's community, in no grid yet (the grid center has no row to hold to the
    // jurisdiction): to the supervisor of the grid's street housing says it is outside the jurisdiction, before its community.
    const registeredElsewhere = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', REGISTER, {
      input: {
        addressCode: `${elsewhere.region_code}997010101`,
        address: '天津市津南区测试社区997号楼1单元101',
        use: '01',
        area: 60,
        communityCode: elsewhere.region_code,
        gridCode: null,
        clientRequestId: randomUUID(),
      },
    });
    expect(registeredElsewhere.errors).toBeUndefined();
    const stranger = registeredElsewhere.data.registerDwelling.id as string;
    const streetSupervisor = { ...SUPERVISOR, jurisdiction: a.code.slice(0, 9) };
    const outside = await as(streetSupervisor, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [stranger], gridCode: a.code, clientRequestId: randomUUID() } });
    expect(outside.errors?.[0]).toMatchObject({
      extensions: { code: 'OUT_OF_JURISDICTION', department: 'HOUSING' },
      message: expect.stringContaining(`Dwelling ${stranger} is outside your jurisdiction`),
    });
    // To the district's supervisor it is within the jurisdiction, and of another community than the grid's.
    const placedAcross = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input: { dwellingIds: [stranger], gridCode: a.code, clientRequestId: randomUUID() } });
    expect(placedAcross.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', department: 'HOUSING' },
      message: expect.stringContaining(`房屋 ${stranger} 属于社区 ${elsewhere.region_code}，不能划入社区 ${a.region_code} 的网格 ${a.code}`),
    });
    expect(await gridsOf([stranger])).toEqual({ grid: [], housing: [{ id: stranger, grid: null }], households: [], persons: [], registrations: [] });
  });

  it('moves dwellings with their residents to another grid: every copy agrees, the history is kept, the grid page and the police search show them; a retry writes nothing twice', async () => {
    const [from, to] = community;
    // One of the dwellings has an ACTIVE floating registration: public security's copy of its grid follows too.
    const registeredAt = (
      await sql<{ id: string }>('public-security', "select distinct dwelling_id as id from floating_registration where grid_code = $1 and status = 'ACTIVE' and dwelling_id is not null", [from.code])
    ).map((row) => row.id);
    const moving = (
      await sql<{ id: string }>(
        'population',
        `select p.residence_dwelling_id as id from person p join household h on h.dwelling_id = p.residence_dwelling_id
          where p.residence_grid_code = $1 and p.death_date is null group by 1 order by bool_or(p.residence_dwelling_id = any($2)) desc, 1 limit 2`,
        [from.code, registeredAt],
      )
    )
      .map((row) => row.id)
      .sort();
    expect(moving).toHaveLength(2);
    const floating = await sql<{ id: string; person_id: string; version: number }>(
      'public-security',
      "select id, person_id, version from floating_registration where dwelling_id = any($1) and status = 'ACTIVE' order by id",
      [moving],
    );
    expect(floating.length).toBeGreaterThan(0);
    const floatingDwellings = moving.filter((id) => registeredAt.includes(id));
    const residentVersions = await sql<{ id: string; version: number }>('population', 'select id, version from person where residence_dwelling_id = any($1) order by id', [moving]);
    const dwellingVersions = new Map((await sql<{ id: string; version: number }>('housing', 'select id, version from dwelling where id = any($1)', [moving])).map((row) => [row.id, row.version]));
    const residents = residentVersions.map((row) => row.id);
    const householdIds = (await sql<{ id: string }>('population', 'select id from household where dwelling_id = any($1) order by id', [moving])).map((row) => row.id);
    expect(await gridsOf(moving)).toEqual({
      grid: moving.map((id) => ({ id, grid: from.code })),
      housing: moving.map((id) => ({ id, grid: from.code })),
      households: moving.map((id) => ({ id, grid: from.code })),
      persons: moving.map((id) => ({ id, grid: from.code })),
      registrations: floatingDwellings.map((id) => ({ id, grid: from.code })),
    });

    const clientRequestId = randomUUID();
    const input = { dwellingIds: moving, gridCode: to.code, clientRequestId };
    const moved = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.assignDwellingsToGrid).toMatchObject({ gridCode: to.code, placed: 0, moved: 2, unchanged: 0, dwellings: moving.map((id) => ({ id, grid: { code: to.code } })) });
    const agreed = {
      grid: moving.map((id) => ({ id, grid: to.code })),
      housing: moving.map((id) => ({ id, grid: to.code })),
      households: moving.map((id) => ({ id, grid: to.code })),
      persons: moving.map((id) => ({ id, grid: to.code })),
      registrations: floatingDwellings.map((id) => ({ id, grid: to.code })),
    };
    expect(await gridsOf(moving)).toEqual(agreed);

    // Each department's history of its own records, under the grid center's request.
    const gridChanges = await changesBy('grid', clientRequestId);
    expect(gridChanges.map((c) => [c.record_type, c.record_id, c.before?.gridCode, c.after.gridCode])).toEqual(moving.map((id) => ['dwelling_grid', id, from.code, to.code]));
    const housingChanges = await changesBy('housing', clientRequestId);
    expect(housingChanges).toEqual(
      moving.map((id) => ({
        record_type: 'dwelling',
        record_id: id,
        operation: 'applyGridAssignment',
        before: { gridCode: from.code, version: dwellingVersions.get(id) },
        after: { gridCode: to.code, version: dwellingVersions.get(id)! + 1 },
        changed_by: SUPERVISOR.sub,
      })),
    );
    const populationChanges = await changesBy('population', clientRequestId);
    expect(populationChanges.filter((c) => c.record_type === 'household').map((c) => c.record_id)).toEqual(householdIds);
    expect(populationChanges.filter((c) => c.record_type === 'person').map((c) => c.record_id)).toEqual(residents);
    expect(populationChanges.every((c) => c.operation === 'applyGridAssignment' && (c.after.gridCode ?? c.after.residenceGridCode) === to.code)).toBe(true);
    // A resident's history row names the version step it made.
    const versionBefore = new Map(residentVersions.map((r) => [r.id, r.version]));
    for (const change of populationChanges.filter((c) => c.record_type === 'person')) {
      expect([change.before?.version, change.after.version]).toEqual([versionBefore.get(change.record_id), versionBefore.get(change.record_id)! + 1]);
    }
    // A resident's record moved on: a form opened on it before the change is CONFLICT, not a write over the new grid.
    expect(await sql('population', 'select id, version from person where id = any($1) order by id', [residents])).toEqual(residentVersions.map((r) => ({ id: r.id, version: r.version + 1 })));
    // Population's write is in its access log under each resident moved.
    const logged = await sql<{ subject_person_id: string }>(
      'population',
      accessLogSql.select('subject_person_id', 'user_sub = $1 and field_classes = array[$2]::text[] and subject_person_id is not null', 'order by subject_person_id'),
      [SUPERVISOR.sub, 'person.residenceGridCopy'],
    );
    expect(logged.map((row) => row.subject_person_id)).toEqual(residents);
    // Public security's: each ACTIVE registration at the dwellings, at its next version, in its access log under the registered person.
    const registrationChanges = await changesBy('public-security', clientRequestId);
    expect(registrationChanges).toEqual(
      floating.map((r) => ({
        record_type: 'floating_registration',
        record_id: r.id,
        operation: 'applyGridAssignment',
        before: { gridCode: from.code, version: r.version },
        after: { gridCode: to.code, version: r.version + 1 },
        changed_by: SUPERVISOR.sub,
      })),
    );
    expect(await sql('public-security', 'select id, version from floating_registration where id = any($1) order by id', [floating.map((r) => r.id)])).toEqual(
      floating.map((r) => ({ id: r.id, version: r.version + 1 })),
    );
    const loggedByPolice = await sql<{ subject_person_id: string }>(
      'public-security',
      accessLogSql.select('subject_person_id', 'user_sub = $1 and field_classes = array[$2]::text[] and subject_person_id is not null', 'order by subject_person_id'),
      [SUPERVISOR.sub, 'ps.floatingRegistration.gridCopy'],
    );
    expect(loggedByPolice.map((row) => row.subject_person_id)).toEqual(floating.map((r) => r.person_id).sort());

    // The police's search of the floating population by grid finds the registered people under the new grid, not the old.
    const SEARCH = 'query($filter: FloatingPopulationFilter) { floatingPopulation(filter: $filter, first: 500) { nodes { id gridCode person { id } } } }';
    const search = async (filter: Record<string, string>) =>
      (await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', SEARCH, { filter })).data.floatingPopulation.nodes as Array<{ id: string; gridCode: string; person: { id: string } }>;
    const [underNew, underOld, underCommunity] = await Promise.all([search({ gridCode: to.code }), search({ gridCode: from.code }), search({ regionCode: to.code.slice(0, 12) })]);
    for (const r of floating) {
      expect(underNew).toContainEqual({ id: r.id, gridCode: to.code, person: { id: r.person_id } });
      expect(underCommunity.map((found) => found.id)).toContain(r.id);
      expect(underOld.map((found) => found.id)).not.toContain(r.id);
    }

    // The grid page through the gateway: the dwellings and their residents are under the new grid, no longer the old.
    const page = async (code: string) => (await as(SUPERVISOR, 'GRID_SERVICE', GRID_PAGE, { code })).data.grid;
    const [toPage, fromPage] = await Promise.all([page(to.code), page(from.code)]);
    expect(toPage.dwellings.filter((d: { id: string }) => moving.includes(d.id))).toEqual(moving.map((id) => ({ id, grid: { code: to.code } })));
    expect(fromPage.dwellings.map((d: { id: string }) => d.id)).not.toEqual(expect.arrayContaining([moving[0]]));
    const living = (await sql<{ id: string }>('population', 'select id from person where residence_dwelling_id = any($1) and death_date is null order by id', [moving])).map((row) => row.id);
    expect(toPage.residents.nodes.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(living));
    expect(fromPage.residents.nodes.map((p: { id: string }) => p.id)).not.toEqual(expect.arrayContaining([living[0]]));

    // The answer was lost and the client sends it again: the first write's answer, nothing written twice anywhere.
    const retried = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.assignDwellingsToGrid).toEqual(moved.data.assignDwellingsToGrid);
    expect(await changesBy('grid', clientRequestId)).toHaveLength(gridChanges.length);
    expect(await changesBy('housing', clientRequestId)).toHaveLength(housingChanges.length);
    expect(await changesBy('population', clientRequestId)).toHaveLength(populationChanges.length);
    expect(await changesBy('public-security', clientRequestId)).toHaveLength(registrationChanges.length);
    expect(await gridsOf(moving)).toEqual(agreed);
  });

  it('fails the whole change while population is stopped, nothing changed in the grid; the retry with the same id finishes it', async () => {
    // Back the other way: a dwelling of the second grid into the first.
    const [to, from] = community;
    const dwelling = await livedDwellingOf(from.code);
    const before = await gridsOf([dwelling]);
    expect(before.grid).toEqual([{ id: dwelling, grid: from.code }]);
    expect(before.registrations).toEqual([{ id: dwelling, grid: from.code }]);

    const population = hub.processes.get('population')!;
    await population.stop();
    const clientRequestId = randomUUID();
    const input = { dwellingIds: [dwelling], gridCode: to.code, clientRequestId };
    const failed = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input });
    expect(failed.errors?.[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', department: 'POPULATION' }, message: expect.stringContaining('retry with the same clientRequestId') });
    const during = await gridsOf([dwelling]);
    expect(during.grid).toEqual(before.grid); // the grid's write was rolled back
    expect(during.persons).toEqual(before.persons);
    expect(await changesBy('grid', clientRequestId)).toEqual([]);
    // The residual window (ADR 0020): housing, asked first, applied its copy before population failed; public security,
    // asked after population, was not asked.
    expect(during.housing).toEqual([{ id: dwelling, grid: to.code }]);
    expect(during.registrations).toEqual(before.registrations);

    // Population is back on its port; the client retries with the same id and the change is finished everywhere.
    const url = new URL(hub.subgraphUrls.population);
    const urls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), hub.subgraphUrls[name]]));
    const restarted = startNodeProcess({
      name: 'population',
      script: subgraphEntry('population'),
      env: { ...process.env, NODE_ENV: 'test', DB_PREFIX: district.prefix, ...urls, PORT: url.port },
      output: () => undefined,
    });
    hub.processes.set('population', restarted);
    await waitForHealthy(`http://127.0.0.1:${url.port}/health`, restarted, 90_000);
    const retried = await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.assignDwellingsToGrid).toMatchObject({ moved: 1 });
    const after = await gridsOf([dwelling]);
    expect(after).toEqual({
      grid: [{ id: dwelling, grid: to.code }],
      housing: [{ id: dwelling, grid: to.code }],
      households: after.households.length ? [{ id: dwelling, grid: to.code }] : [],
      persons: [{ id: dwelling, grid: to.code }],
      registrations: [{ id: dwelling, grid: to.code }],
    });
    // Housing's copy was written once, by the first send; the retry found its claim and wrote nothing again.
    expect(await changesBy('housing', clientRequestId)).toHaveLength(1);
    expect((await changesBy('population', clientRequestId)).length).toBeGreaterThan(0);
  }, 150_000);
  it('moves on the version of each dwelling it moves, once under retry: a 产权转移登记 made against the version before is CONFLICT', async () => {
    const DWELLING = 'query($id: ID!) { dwelling(id: $id) { version grid { code } } }';
    const seen = async () => (await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', DWELLING, { id: registered })).data.dwelling;
    const before = await seen();
    // The other grid of the dwelling's community.
    const to = community.find((grid) => grid.code !== before.grid.code)!;

    const input = { dwellingIds: [registered], gridCode: to.code, clientRequestId: randomUUID() };
    expect((await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input })).errors).toBeUndefined();
    expect(await seen()).toEqual({ version: before.version + 1, grid: { code: to.code } });
    expect((await as(SUPERVISOR, 'GRID_SERVICE', ASSIGN, { input })).errors).toBeUndefined();
    expect((await seen()).version).toBe(before.version + 1);

    const [owner] = await sql<{ id_number: string }>('population', 'select id_number from person where death_date is null order by id limit 1');
    const TRANSFER = 'mutation($input: RecordOwnershipTransferInput!) { recordOwnershipTransfer(input: $input) { dwellingId } }';
    const transfer = { dwellingId: registered, expectedVersion: before.version, owners: [{ idNumber: owner.id_number, share: 1 }], registeredOn: todayInChina(), clientRequestId: randomUUID() };
    const stale = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', TRANSFER, { input: transfer });
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await sql('housing', 'select count(*)::int as n from ownership where dwelling_id = $1', [registered])).toEqual([{ n: 0 }]);
  });
});
