import 'reflect-metadata';
import type { Purpose } from '@hub/access';
import { ORIGIN_COUNTIES, makeIdNumber, personIdFor, personIdSecret } from '@hub/domain';
import { startSubgraph, type RunningSubgraph } from '@hub/subgraph-kit';
import { internalToken, postGraphQL, isolatedDatabaseName, recordDataStatements } from '@hub/testkit';
import { publicSecuritySubgraph } from '../src/subgraph';

/** 100 people who came to 津南区 from the origin counties, with valid GB 11643 numbers and their keys. */
const people = Array.from({ length: 100 }, (_, i) => {
  const origin = ORIGIN_COUNTIES[i % ORIGIN_COUNTIES.length];
  const idNumber = makeIdNumber(origin.code, `19${String(70 + (i % 30)).padStart(2, '0')}-1${i % 3}-2${i % 8}`, 100 + i);
  return { idNumber, id: personIdFor(idNumber, personIdSecret()), origin: origin.code };
});

// 咸水沽镇 (120112100) communities 001/002, 葛沽镇 (120112101), 小站镇 (120112102); community codes are synthetic.
const GRIDS = ['120112100001001', '120112100001002', '120112100002001', '120112101001001', '120112102003004'];
const GRID_DAAN = '510304001001001';
const INFLOW = ['01', '03', '04', '08', '99'];
/** 姓名 as the registrations record them: shared beginnings (张伟 / 张伟明, 欧阳…) for the prefix filter. */
const NAMES = ['张伟', '张伟明', '李娜', '欧阳娜娜', '王芳', '张敏', '欧阳修'];
/** Landlords (people 90–92) of the rented residences, by their GB 11643 numbers. */
const LANDLORDS = [90, 91, 92];
const RESIDENCE = ['02', '01', '05'];

interface Registration {
  id: string;
  personIndex: number;
  grid: string | null;
  inflowReason: string;
  residenceType: string;
  permitType: string;
  permitNumber: string | null;
  registeredOn: string;
  permitExpiresOn: string | null;
  lastEndorsedOn: string | null;
  dwellingId: string | null;
  status: 'ACTIVE' | 'CANCELLED';
  name: string;
  landlordIndex: number | null;
}

function day(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** 70 active registrations in 津南, inserted out of id order, plus ones no 津南 query may return. */
const registrations: Registration[] = Array.from({ length: 70 }, (_, n): Registration => {
  const i = (n * 37) % 70; // a permutation: rows are inserted out of id order
  return {
    id: `F${String(1000 + i * 3).padStart(9, '0')}`,
    personIndex: i,
    grid: GRIDS[i % GRIDS.length],
    inflowReason: INFLOW[i % INFLOW.length],
    residenceType: RESIDENCE[i % RESIDENCE.length],
    permitType: i % 4 === 3 ? '02' : '01',
    permitNumber: i % 4 === 3 ? null : `120112${String(900000 + i)}`,
    registeredOn: day(i * 9),
    permitExpiresOn: i % 6 === 5 ? null : day(i * 9 + 365),
    lastEndorsedOn: i % 2 ? day(i * 9 + 200) : null,
    dwellingId: i % 5 === 4 ? null : `D${String(30000000 + i)}`,
    status: 'ACTIVE',
    name: NAMES[i % NAMES.length],
    landlordIndex: RESIDENCE[i % RESIDENCE.length] === '02' ? LANDLORDS[Math.floor(i / 3) % LANDLORDS.length] : null,
  };
});
const hidden: Registration[] = [
  // person 0's earlier registration, cancelled when they moved
  { ...registrations.find((r) => r.personIndex === 0)!, id: 'F000000001', registeredOn: '2023-02-01', status: 'CANCELLED', grid: GRIDS[3] },
  { ...registrations.find((r) => r.personIndex === 1)!, id: 'F000000002', personIndex: 80, grid: GRID_DAAN },
  { ...registrations.find((r) => r.personIndex === 2)!, id: 'F000000003', personIndex: 81, grid: null },
];
const active = registrations.filter((r) => r.status === 'ACTIVE').sort((a, b) => a.id.localeCompare(b.id));
const ids = (rows: Registration[]) => rows.map((r) => r.id);

let running: RunningSubgraph;
const statements: string[] = [];

async function call(query: string, variables: Record<string, unknown> = {}, jurisdiction = '120112', purpose: Purpose = 'CASE_INVESTIGATION') {
  const dept = purpose === 'POPULATION_ADMINISTRATION' ? 'POPULATION' : purpose === 'GRID_SERVICE' ? 'GRID' : 'PUBLIC_SECURITY';
  const token = await internalToken({ dept, jurisdiction, purpose, caseId: purpose === 'CASE_INVESTIGATION' ? 'JN-2026-0001' : undefined });
  return postGraphQL(running.url, query, variables, { 'x-gridhub-internal-token': token });
}

async function sql(text: string, params: unknown[] = []) {
  return running.orm.em.getConnection().execute(text, params);
}

beforeAll(async () => {
  running = await startSubgraph(publicSecuritySubgraph, {
    serverUrl: process.env.DATABASE_URL!,
    databaseName: isolatedDatabaseName('public-security'),
    port: 0,
    onQuery: recordDataStatements(statements),
  });
  await sql('truncate floating_registration, vehicle, key_person');
  for (const r of [...registrations, ...hidden]) {
    await sql(
      `insert into floating_registration (id, person_id, dwelling_id, grid_code, hukou_region_code, inflow_reason, residence_type, permit_type,
         permit_number, registered_on, permit_expires_on, last_endorsed_on, status, registrant_name, landlord_person_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        people[r.personIndex].id,
        r.dwellingId,
        r.grid,
        people[r.personIndex].origin,
        r.inflowReason,
        r.residenceType,
        r.permitType,
        r.permitNumber,
        r.registeredOn,
        r.permitExpiresOn,
        r.lastEndorsedOn,
        r.status,
        r.name,
        r.landlordIndex === null ? null : people[r.landlordIndex].id,
      ],
    );
  }
  await sql(
    `insert into vehicle (id, plate_number, plate_type, vehicle_type, owner_person_id, exempt, exempt_reason, registered_on) values
       ('V0000000001', '津A12345', '02', 'K33', ?, false, null, '2021-04-02'),
       ('V0000000002', '津A0D588', '52', 'X99', ?, true, 'DISABLED_MOBILITY', '2022-09-15'),
       ('V0000000003', '川C8K215', '07', 'M21', ?, false, null, '2019-07-20'),
       ('V0000000004', '津B77001', '02', 'K31', ?, false, null, '2020-01-10'),
       ('V0000000005', '津B77002', '01', 'H31', ?, false, null, '2020-02-10'),
       ('V0000000006', '津B77003', '02', 'K33', ?, false, null, '2020-03-10')`,
    [people[0].id, people[0].id, people[1].id, people[3].id, people[3].id, people[3].id],
  );
  await sql(
    `insert into key_person (id, person_id, category, attention_level, registered_on, grid_code, active) values
       ('K0000000001', ?, 'DRUG_USER', '02', '2023-05-01', ?, true),
       ('K0000000002', ?, 'COMMUNITY_CORRECTION', '01', '2022-01-01', ?, true),
       ('K0000000003', ?, 'RELEASED_PRISONER', '01', '2018-03-01', ?, false),
       ('K0000000004', ?, 'KEY_YOUTH', '03', '2025-06-01', ?, true)`,
    [people[0].id, GRIDS[0], people[0].id, GRIDS[0], people[2].id, GRIDS[2], people[4].id, GRIDS[4]],
  );
});

afterAll(async () => {
  await running?.stop();
});

const SEARCH = `
  query ($filter: FloatingPopulationFilter, $first: Int, $after: String, $orderBy: FloatingPopulationOrder) {
    floatingPopulation(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      nodes { id }
      pageInfo { hasNextPage endCursor }
    }
  }`;

/** All pages of a search, following the cursors. */
async function allPages(filter: Record<string, unknown> | null, first: number, jurisdiction = '120112', orderBy?: string) {
  const seen: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const response = await call(SEARCH, { filter, first, after, orderBy }, jurisdiction);
    expect(response.errors).toBeUndefined();
    const connection = response.data.floatingPopulation;
    totals.add(connection.totalCount);
    seen.push(...connection.nodes.map((n: { id: string }) => n.id));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(totals.size).toBe(1);
  return { ids: seen, totalCount: [...totals][0] };
}

describe('public-security subgraph', () => {
  describe('authentication', () => {
    it("answers nothing, not even _service, without the gateway's internal token", async () => {
      for (const query of ['{ _service { sdl } }', '{ floatingPopulation { totalCount } }']) {
        const response = await postGraphQL(running.url, query);
        expect(response.status).toBe(401);
        expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(response.data).toBeUndefined();
      }
    });

    it('serves its SDL to the gateway', async () => {
      const response = await call('{ _service { sdl } }');
      const sdl: string = response.data._service.sdl;
      expect(sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/type Dwelling\s+@key\(fields: "id", resolvable: false\)/);
      expect(sdl).toContain('floatingPopulation(orderBy: FloatingPopulationOrder = ID, after: String, first: Int, filter: FloatingPopulationFilter): FloatingPopulationConnection!');
    });
  });

  describe('Person extension through _entities', () => {
    const PERSON_FIELDS = `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Person {
            id
            floatingRegistration { id inflowReason residenceType permitType permitNumber registeredOn permitExpiresOn lastEndorsedOn hukouRegionCode status gridCode person { id } dwelling { id } }
            vehicles { id plateNumber plateType vehicleType exempt exemptReason registeredOn owner { id } }
            nonExemptVehicleCount
            keyPerson { id category attentionLevel registeredOn active }
            needsAttention
          }
        }
      }`;

    it('keeps answering when a migration adds a column under its prepared statements (PostgreSQL refuses the stale plan)', async () => {
      const ask = async () => {
        const response = await call(PERSON_FIELDS, { representations: [{ __typename: 'Person', id: people[0].id, accessScope: '120112100001001|' }] });
        expect(response.errors).toBeUndefined();
        return response.data._entities[0].floatingRegistration.id;
      };
      const expected = registrations.find((r) => r.personIndex === 0)!.id;
      // Several times, so that the pool's connections have prepared the look-up's statement.
      for (let i = 0; i < 6; i++) await expect(ask()).resolves.toBe(expected);
      await sql('alter table floating_registration add column migration_probe int');
      try {
        for (let i = 0; i < 6; i++) await expect(ask()).resolves.toBe(expected);
      } finally {
        await sql('alter table floating_registration drop column migration_probe');
      }
      await expect(ask()).resolves.toBe(expected);
    });

    it('answers 100 people with one SQL statement per loader', async () => {
      statements.length = 0;
      const response = await call(PERSON_FIELDS, { representations: people.map(({ id }) => ({ __typename: 'Person', id, accessScope: '120112100001001|' })) });
      expect(response.errors).toBeUndefined();
      expect(response.data._entities).toHaveLength(100);
      // registrationByPerson, vehiclesByOwner, nonExemptVehicleCountByOwner (grouped count), keyPersonByPerson
      expect(statements).toHaveLength(4);
      expect(statements.filter((s) => /from "floating_registration"/.test(s))).toHaveLength(1);
      expect(statements.filter((s) => /from "vehicle"/.test(s) && !/count\(/.test(s))).toHaveLength(1);
      expect(statements.filter((s) => /count\(\*\).* from "vehicle".* group by/.test(s))).toHaveLength(1);
      expect(statements.filter((s) => /from "key_person"/.test(s))).toHaveLength(1);

      const entities = response.data._entities;
      const zero = registrations.find((r) => r.personIndex === 0)!;
      expect(entities[0]).toEqual({
        id: people[0].id,
        floatingRegistration: {
          id: zero.id, // the ACTIVE one, not the cancelled F000000001
          inflowReason: '01',
          residenceType: '02',
          permitType: '01',
          permitNumber: '120112900000',
          registeredOn: '2024-01-01',
          permitExpiresOn: '2024-12-31',
          lastEndorsedOn: null,
          hukouRegionCode: '510304',
          status: 'ACTIVE',
          gridCode: GRIDS[0],
          person: { id: people[0].id },
          dwelling: { id: 'D30000000' },
        },
        vehicles: [
          { id: 'V0000000001', plateNumber: '津A12345', plateType: '02', vehicleType: 'K33', exempt: false, exemptReason: null, registeredOn: '2021-04-02', owner: { id: people[0].id } },
          { id: 'V0000000002', plateNumber: '津A0D588', plateType: '52', vehicleType: 'X99', exempt: true, exemptReason: 'DISABLED_MOBILITY', registeredOn: '2022-09-15', owner: { id: people[0].id } },
        ],
        nonExemptVehicleCount: 1,
        keyPerson: { id: 'K0000000002', category: 'COMMUNITY_CORRECTION', attentionLevel: '01', registeredOn: '2022-01-01', active: true },
        needsAttention: true,
      });
      expect(entities[1]).toMatchObject({ nonExemptVehicleCount: 1, vehicles: [{ plateType: '07', vehicleType: 'M21' }], keyPerson: null, needsAttention: false });
      expect(entities[2]).toMatchObject({ vehicles: [], nonExemptVehicleCount: 0, keyPerson: null, needsAttention: false }); // inactive record only
      expect(entities[3]).toMatchObject({ nonExemptVehicleCount: 3 });
      expect(entities[3].vehicles.map((v: { id: string }) => v.id)).toEqual(['V0000000004', 'V0000000005', 'V0000000006']);
      expect(entities[4]).toMatchObject({ keyPerson: { category: 'KEY_YOUTH', attentionLevel: '03' }, needsAttention: true });
      expect(entities[4].floatingRegistration.dwelling).toBeNull();
      expect(entities[85]).toEqual({ id: people[85].id, floatingRegistration: null, vehicles: [], nonExemptVehicleCount: 0, keyPerson: null, needsAttention: false });
    });
  });

  describe('floatingPopulation', () => {
    it('logs a page of the search in the statement that reads it: the registrations shown, not the one read past the end', async () => {
      const requestId = `search-${Date.now()}`;
      const token = await internalToken({ dept: 'PUBLIC_SECURITY', jurisdiction: '120112', purpose: 'CASE_INVESTIGATION', caseId: 'JN-2026-0001', requestId });
      statements.length = 0;
      const response = await postGraphQL(
        running.url,
        'query($first: Int) { floatingPopulation(first: $first, orderBy: PERMIT_EXPIRES_ON) { nodes { id inflowReason } pageInfo { hasNextPage } } }',
        { first: 5 },
        { 'x-gridhub-internal-token': token },
      );
      const shown: string[] = response.data.floatingPopulation.nodes.map((n: { id: string }) => n.id);
      expect(shown).toHaveLength(5);
      expect(response.data.floatingPopulation.pageInfo.hasNextPage).toBe(true);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/insert into access_log/);
      const persons = ((await sql('select person_id from floating_registration where id in (?)', [shown])) as Array<{ person_id: string }>).map((r) => r.person_id);
      const logged = (await sql('select subject_person_id, field_classes, outcome from access_log where request_id = ? order by id', [requestId])) as Array<{
        subject_person_id: string | null;
        field_classes: string[];
        outcome: string;
      }>;
      expect(
        logged
          .filter((row) => row.subject_person_id !== null)
          .map((row) => row.subject_person_id)
          .sort(),
      ).toEqual([...persons].sort());
      expect(logged.filter((row) => row.subject_person_id === null).length).toBeGreaterThan(0); // the search itself
    });

    it("pages through the jurisdiction's ACTIVE registrations in id order, without duplicates", async () => {
      for (const first of [1, 7, 20, 500]) {
        const { ids: seen, totalCount } = await allPages(null, first);
        expect(totalCount).toBe(70);
        expect(seen).toEqual(ids(active));
        expect(new Set(seen).size).toBe(seen.length);
      }
    });

    it('returns the registration with its person and dwelling keys', async () => {
      const response = await call(`{ floatingPopulation(first: 1) { nodes { id person { id } dwelling { id } inflowReason residenceType registeredOn permitNumber permitExpiresOn } } }`);
      const first = active[0];
      expect(response.data.floatingPopulation.nodes).toEqual([
        {
          id: first.id,
          person: { id: people[first.personIndex].id },
          dwelling: { id: first.dwellingId },
          inflowReason: first.inflowReason,
          residenceType: first.residenceType,
          registeredOn: first.registeredOn,
          permitNumber: first.permitNumber,
          permitExpiresOn: first.permitExpiresOn,
        },
      ]);
    });

    it.each([
      ['a town', { regionCode: '120112100' }, (r: Registration) => r.grid!.startsWith('120112100')],
      ['a community', { regionCode: '120112100001' }, (r: Registration) => r.grid!.startsWith('120112100001')],
      ['a grid', { gridCode: '120112101001001' }, (r: Registration) => r.grid === '120112101001001'],
      ['a grid within a town', { regionCode: '120112100', gridCode: '120112100002001' }, (r: Registration) => r.grid === '120112100002001'],
      ['an inflow reason', { inflowReason: '04' }, (r: Registration) => r.inflowReason === '04'],
      ['a residence type', { residenceType: '05' }, (r: Registration) => r.residenceType === '05'],
      ['registration dates', { registeredAfter: '2024-03-01', registeredBefore: '2025-01-01' }, (r: Registration) => r.registeredOn > '2024-03-01' && r.registeredOn < '2025-01-01'],
      ['permit expiry', { permitExpiresBefore: '2025-06-30' }, (r: Registration) => r.permitExpiresOn !== null && r.permitExpiresOn < '2025-06-30'],
      [
        'everything at once',
        { regionCode: '120112100', inflowReason: '01', residenceType: '02', registeredAfter: '2024-01-01', permitExpiresBefore: '2026-06-01' },
        (r: Registration) =>
          r.grid!.startsWith('120112100') && r.inflowReason === '01' && r.residenceType === '02' && r.registeredOn > '2024-01-01' && r.permitExpiresOn !== null && r.permitExpiresOn < '2026-06-01',
      ],
    ])('filters by %s, with the matching totalCount', async (_what, filter, matches) => {
      const expected = ids(active.filter(matches));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(active.length);
      const { ids: seen, totalCount } = await allPages(filter, 4);
      expect(totalCount).toBe(expected.length);
      expect(seen).toEqual(expected);
    });

    it.each([
      ['张', (name: string) => name.startsWith('张')],
      ['张伟', (name: string) => name === '张伟' || name === '张伟明'],
      ['张伟明', (name: string) => name === '张伟明'],
      [' 欧阳 ', (name: string) => name.startsWith('欧阳')],
      ['50%', () => false], // wildcards match literally
    ])("finds registrations by the registrant's name %p or its beginning", async (name, matches) => {
      const { ids: seen, totalCount } = await allPages({ name }, 6);
      const expected = ids(active.filter((r) => matches(r.name)));
      expect(seen).toEqual(expected);
      expect(totalCount).toBe(expected.length);
    });

    it('finds the registrations naming a landlord (by GB 11643 number) and serves the landlord as a person key', async () => {
      for (const landlord of LANDLORDS) {
        const expected = active.filter((r) => r.landlordIndex === landlord);
        expect(expected.length).toBeGreaterThan(1);
        const { ids: seen, totalCount } = await allPages({ landlordIdNumber: people[landlord].idNumber.toLowerCase(), residenceType: '02' }, 3);
        expect(seen).toEqual(ids(expected));
        expect(totalCount).toBe(expected.length);
      }
      const response = await call(`{ floatingPopulation(first: 500) { nodes { id landlord { id } } } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data.floatingPopulation.nodes).toEqual(active.map((r) => ({ id: r.id, landlord: r.landlordIndex === null ? null : { id: people[r.landlordIndex].id } })));
      // A valid number of someone who lets nothing: no registrations.
      expect((await allPages({ landlordIdNumber: people[99].idNumber }, 10)).totalCount).toBe(0);
    });

    it('refuses the landlord to a purpose that may not see tenancies, as a field and as a filter', async () => {
      const field = await call(`{ floatingPopulation(first: 3) { nodes { id inflowReason landlord { id } } } }`, {}, '120112', 'POPULATION_ADMINISTRATION');
      expect(field.data.floatingPopulation.nodes.map((n: { id: string; landlord: unknown }) => [n.id, n.landlord])).toEqual(active.slice(0, 3).map((r) => [r.id, null]));
      expect(field.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([0, 1, 2].map((i) => ['FORBIDDEN', `floatingPopulation.nodes.${i}.landlord`]));
      const filter = await call(SEARCH, { filter: { landlordIdNumber: people[90].idNumber } }, '120112', 'POPULATION_ADMINISTRATION');
      expect(filter.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(filter.errors?.[0].message).toMatch(/landlordIdNumber filter is not available for purpose POPULATION_ADMINISTRATION/);
      // The grid center may see tenancies, so it may search by landlord.
      expect((await call(SEARCH, { filter: { landlordIdNumber: people[90].idNumber } }, '120112', 'GRID_SERVICE')).data.floatingPopulation.totalCount).toBeGreaterThan(0);
    });

    it('orders by permit expiry (earliest first, none last, ties by id) with cursors that join up', async () => {
      const byExpiry = [...active].sort((a, b) => (a.permitExpiresOn ?? '9999').localeCompare(b.permitExpiresOn ?? '9999') || a.id.localeCompare(b.id));
      for (const first of [1, 4, 13, 500]) {
        const { ids: seen, totalCount } = await allPages(null, first, '120112', 'PERMIT_EXPIRES_ON');
        expect(seen).toEqual(ids(byExpiry));
        expect(totalCount).toBe(active.length);
      }
      const lapsing = await allPages({ permitExpiresBefore: '2025-06-30', regionCode: '120112100' }, 2, '120112', 'PERMIT_EXPIRES_ON');
      expect(lapsing.ids).toEqual(ids(byExpiry.filter((r) => r.permitExpiresOn !== null && r.permitExpiresOn < '2025-06-30' && r.grid!.startsWith('120112100'))));
    });

    it('refuses a cursor made for the other order', async () => {
      const byId = await call(SEARCH, { first: 2 });
      const byExpiry = await call(SEARCH, { first: 2, orderBy: 'PERMIT_EXPIRES_ON' });
      for (const [after, orderBy] of [
        [byId.data.floatingPopulation.pageInfo.endCursor, 'PERMIT_EXPIRES_ON'],
        [byExpiry.data.floatingPopulation.pageInfo.endCursor, 'ID'],
      ]) {
        const response = await call(SEARCH, { first: 2, after, orderBy });
        expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].message).toMatch(/after is not a cursor returned by this API for this orderBy/);
      }
    });

    it('answers a page with one statement for the rows and one for totalCount', async () => {
      statements.length = 0;
      const response = await call(SEARCH, { first: 5, filter: { name: '张', residenceType: '02' }, orderBy: 'PERMIT_EXPIRES_ON' });
      expect(response.errors).toBeUndefined();
      expect(statements.filter((s) => /from "floating_registration"/.test(s))).toHaveLength(2);
      // Without totalCount in the selection (a fragment counts as selecting it), no count runs.
      statements.length = 0;
      const pageOnly = await call('query { floatingPopulation(first: 5) { nodes { id } pageInfo { endCursor } } }');
      expect(pageOnly.data.floatingPopulation.nodes).toHaveLength(5);
      expect(statements.filter((s) => /count\(/.test(s))).toHaveLength(0);
      statements.length = 0;
      const viaFragment = await call('query { floatingPopulation(first: 5) { ...counted nodes { id } } } fragment counted on FloatingPopulationConnection { totalCount }');
      expect(viaFragment.data.floatingPopulation.totalCount).toBe(active.length);
      expect(statements.filter((s) => /count\(/.test(s))).toHaveLength(1);
    });

    it("narrows to the caller's jurisdiction and refuses regions outside it", async () => {
      const town = await allPages(null, 10, '120112100');
      expect(town.ids).toEqual(ids(active.filter((r) => r.grid!.startsWith('120112100'))));
      // A wider region than the jurisdiction is narrowed to the jurisdiction.
      expect((await allPages({ regionCode: '120112' }, 10, '120112100')).ids).toEqual(town.ids);
      const grid = await allPages(null, 10, GRIDS[4]);
      expect(grid.ids).toEqual(ids(active.filter((r) => r.grid === GRIDS[4])));

      for (const [filter, jurisdiction] of [
        [{ regionCode: '120112101' }, '120112100'],
        [{ gridCode: '120112101001001' }, '120112100'],
        [{ regionCode: '510304' }, '120112'],
      ] as const) {
        const response = await call(SEARCH, { filter }, jurisdiction);
        expect(response.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
        expect(response.data).toBeNull();
      }
      // 大安区's own officers see only their registration.
      expect((await allPages(null, 10, '510304')).ids).toEqual(['F000000002']);
    });

    it.each([
      [{ inflowReason: '10' }, /inflowReason must be one of 01 务工/],
      [{ residenceType: '2' }, /residenceType must be one of 01 自购房屋/],
      [{ registeredAfter: '2025-02-30' }, /registeredAfter must be a date written YYYY-MM-DD/],
      [{ registeredBefore: '20250101' }, /registeredBefore must be a date/],
      [{ permitExpiresBefore: 'soon' }, /permitExpiresBefore must be a date/],
      [{ regionCode: '12011' }, /regionCode must be a 6, 9 or 12 digit region code/],
      [{ gridCode: '120112100' }, /gridCode must be a 15 digit grid code/],
      [{ regionCode: '120112100', gridCode: '120112101001001' }, /gridCode 120112101001001 is not within regionCode 120112100/],
      [{ landlordIdNumber: '120112198503120017' }, /check digit is 7 but GB 11643 requires 8/],
      [{ landlordIdNumber: '12011219850312001' }, /landlordIdNumber: ID number must be 17 digits followed by a digit or X/],
      [{ name: '  ' }, /name must not be empty/],
      [{ name: '张'.repeat(65) }, /name filter is longer than 64 characters/],
    ])('rejects %o with BAD_USER_INPUT', async (filter, message) => {
      const response = await call(SEARCH, { filter });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toMatch(message);
      expect(response.data).toBeNull();
    });

    it('rejects a bad page size and a forged cursor', async () => {
      expect((await call(SEARCH, { first: -1 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await call(SEARCH, { after: Buffer.from('x:F1').toString('base64url') })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
