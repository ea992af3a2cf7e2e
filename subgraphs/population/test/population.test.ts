import { randomUUID } from 'node:crypto';
import { accessLogSql } from '@hub/audit';
import { makeIdNumber, personIdFor, personIdSecret } from '@hub/domain';
import { startSubgraph, type RunningSubgraph } from '@hub/subgraph-kit';
import { internalToken, postGraphQL, isolatedDatabaseName, recordDataStatements } from '@hub/testkit';
import { populationSubgraph } from '../src/subgraph';

// Synthetic communities and a non-district birthplace that the seeded test district never uses.
const GRID_A = '120112100397001';
const GRID_B = '120112101398001';
const FIXTURE_ADDRESS_CODE = '110105';
const HOUSEHOLDS = 50;

let running: RunningSubgraph;
let cleanup: () => Promise<unknown> = async () => undefined;
const statements: string[] = [];
/** Every statement, the access log's appends included. */
const allStatements: string[] = [];
const people: Array<{ id: string; idNumber: string; householdId: string; grid: string }> = [];

async function asPopulationOfficer(query: string, variables: Record<string, unknown> = {}, jurisdiction = '120112') {
  const token = await internalToken({ dept: 'POPULATION', jurisdiction, purpose: 'POPULATION_ADMINISTRATION' });
  return postGraphQL(running.url, query, variables, { 'x-gridhub-internal-token': token });
}

function countStatements<T>(run: () => Promise<T>): Promise<{ result: T; count: number }> {
  statements.length = 0;
  return run().then((result) => ({ result, count: statements.filter((line) => /\b(select|insert|update|delete)\b/i.test(line)).length }));
}

beforeAll(async () => {
  running = await startSubgraph(populationSubgraph, {
    serverUrl: process.env.DATABASE_URL!,
    databaseName: isolatedDatabaseName('population'),
    port: 0,
    onQuery: (line) => {
      recordDataStatements(statements)(line);
      allStatements.push(line);
    },
  });
  const sql = running.orm.em.getConnection();
  const removeFixtures = () => sql.execute("delete from person where household_id like 'H9%'; delete from household where id like 'H9%'");
  await removeFixtures();
  cleanup = removeFixtures;
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const householdId = `H9${String(h).padStart(7, '0')}`;
    const grid = h % 2 === 0 ? GRID_A : GRID_B;
    await sql.execute(`insert into household (id, household_number, hukou_region_code, grid_code, registered_on) values (?, ?, ?, ?, '2010-01-01')`, [
      householdId,
      String(900000000 + h),
      grid.slice(0, 12),
      grid,
    ]);
    for (const [relation, year, sequence] of [
      ['02', 1960, 11],
      ['10', 1962, 22],
    ] as const) {
      const idNumber = makeIdNumber(FIXTURE_ADDRESS_CODE, `${year}-03-${String((h % 27) + 1).padStart(2, '0')}`, sequence + h * 2);
      const id = personIdFor(idNumber, personIdSecret());
      const gender = Number(idNumber[16]) % 2 === 1 ? '1' : '2';
      await sql.execute(
        `insert into person (id, id_number, name, gender, birth_date, ethnicity, phone, population_type, hukou_region_code, household_id, relation_to_head, residence_grid_code, residence_dwelling_id)
         values (?, ?, ?, ?, ?, '01', '13800001111', 'REGISTERED', '120112', ?, ?, ?, ?)`,
        [id, idNumber, `测试${h}${relation}`, gender, `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, householdId, relation, grid, `D9${String(h).padStart(7, '0')}`],
      );
      people.push({ id, idNumber, householdId, grid });
    }
  }
});

afterAll(async () => {
  await cleanup();
  await running?.stop();
});

describe('population subgraph', () => {
  it('resolves 100 persons through _entities with one statement per table', async () => {
    const representations = people.map(({ id }) => ({ __typename: 'Person', id }));
    expect(representations).toHaveLength(100);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name idNumber residence { id } household { householdNumber } } } }';
    const { result, count } = await countStatements(() => asPopulationOfficer(query, { r: representations }));
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(100);
    expect(result.data._entities[0]).toMatchObject({ id: people[0].id, idNumber: people[0].idNumber, household: { householdNumber: '900000000' } });
    expect(count).toBe(2); // person, household
  });

  it('loads household members for many households in one statement', async () => {
    const representations = [...new Set(people.map((p) => p.householdId))].map((id) => ({ __typename: 'Household', id }));
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id members { relationToHead person { idNumber } } } } }';
    const { result, count } = await countStatements(() => asPopulationOfficer(query, { r: representations }));
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(HOUSEHOLDS);
    expect(result.data._entities[0].members.map((m: { relationToHead: string }) => m.relationToHead)).toEqual(['02', '10']);
    expect(count).toBe(2); // household, person (members)
  });

  it('finds a person by ID number and explains a wrong check digit', async () => {
    const ok = await asPopulationOfficer('query($id: String!) { person(idNumber: $id) { id name } }', { id: people[3].idNumber });
    expect(ok.data.person.id).toBe(people[3].id);
    const wrongDigit = people[3].idNumber.slice(0, 17) + (people[3].idNumber[17] === '1' ? '2' : '1');
    const bad = await asPopulationOfficer('query($id: String!) { person(idNumber: $id) { id } }', { id: wrongDigit });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/check digit/);
  });

  it('pages through people within the jurisdiction, stable and complete', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount: number;
    do {
      const page: any = await asPopulationOfficer(
        'query($after: String) { people(first: 7, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }',
        { after },
        '120112100397', // the fixture community of grid A only
      );
      expect(page.errors).toBeUndefined();
      totalCount = page.data.people.totalCount;
      seen.push(...page.data.people.nodes.map((n: { id: string }) => n.id));
      after = page.data.people.pageInfo.hasNextPage ? page.data.people.pageInfo.endCursor : null;
    } while (after);
    const expected = people
      .filter((p) => p.grid === GRID_A)
      .map((p) => p.id)
      .sort();
    expect(totalCount).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it('counts the jurisdiction only when totalCount is asked for (a district count scans every resident)', async () => {
    const page = 'query($first: Int) { people(first: $first) { nodes { id } pageInfo { hasNextPage } } }';
    const counted = 'query($first: Int) { people(first: $first) { ...Counted nodes { id } } } fragment Counted on PersonConnection { totalCount }';
    const without = await countStatements(() => asPopulationOfficer(page, { first: 3 }));
    const withCount = await countStatements(() => asPopulationOfficer(counted, { first: 3 }));
    expect((without.result as any).data.people.nodes).toHaveLength(3);
    expect((withCount.result as any).data.people.totalCount).toBeGreaterThan(3);
    expect(withCount.count - without.count).toBe(1);
  });

  it("refuses a region filter outside the caller's jurisdiction", async () => {
    const result = await asPopulationOfficer('{ people(filter: { regionCode: "120112101" }) { totalCount } }', {}, '120112100397');
    expect(result.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
  });

  it('answers nothing without a gateway-signed internal token, _service and _entities included', async () => {
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: [{ __typename: "Person", id: "x" }]) { __typename } }', '{ people { totalCount } }']) {
      const result = await postGraphQL(running.url, query);
      expect(result.status).toBe(401);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const forged = await postGraphQL(running.url, '{ _service { sdl } }', {}, { 'x-gridhub-internal-token': 'eyJhbGciOiJub25lIn0.e30.' });
    expect(forged.status).toBe(401);
  });

  describe("applicantHousehold: 低保受理 from the ID number (civil affairs only, the household's id and grid only)", () => {
    const QUERY = 'query($id: String!) { applicantHousehold(idNumber: $id) { householdId gridCode } }';
    const asCivilAffairs = async (variables: Record<string, unknown>, jurisdiction = '120112', requestId = randomUUID()) =>
      postGraphQL(running.url, QUERY, variables, { 'x-gridhub-internal-token': await internalToken({ dept: 'CIVIL_AFFAIRS', jurisdiction, purpose: 'SUBSISTENCE_REVIEW', requestId }) });

    it('names the household and its grid to a caseworker within the jurisdiction, and logs the look under the applicant', async () => {
      const requestId = randomUUID();
      const answer = await asCivilAffairs({ id: people[2].idNumber }, '120112', requestId);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.applicantHousehold).toEqual({ householdId: people[2].householdId, gridCode: people[2].grid });
      const rows = await running.orm.em
        .getConnection()
        .execute(accessLogSql.select('subject_person_id, purpose, outcome, field_classes', 'request_id = ? and subject_person_id is not null'), [requestId]);
      expect(rows).toEqual([{ subject_person_id: people[2].id, purpose: 'SUBSISTENCE_REVIEW', outcome: 'CLEAR', field_classes: ['civil.applicantHousehold'] }]);
    });

    it('refuses a household outside the jurisdiction (logged), an unknown person is null, a wrong check digit is named', async () => {
      const requestId = randomUUID();
      const outside = await asCivilAffairs({ id: people[2].idNumber }, people[2].grid === GRID_A ? GRID_B : GRID_A, requestId);
      expect(outside.data.applicantHousehold).toBeNull();
      expect(outside.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
      const rows = await running.orm.em.getConnection().execute(accessLogSql.select('subject_person_id, outcome', 'request_id = ? and subject_person_id is not null'), [requestId]);
      expect(rows).toEqual([{ subject_person_id: people[2].id, outcome: 'OUT_OF_JURISDICTION' }]);
      const unknown = await asCivilAffairs({ id: makeIdNumber(FIXTURE_ADDRESS_CODE, '1990-01-01', 999) });
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data.applicantHousehold).toBeNull();
      const wrong = people[0].idNumber.slice(0, 17) + (people[0].idNumber[17] === '0' ? '1' : '0');
      expect((await asCivilAffairs({ id: wrong })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('is denied to every other purpose', async () => {
      const response = await asPopulationOfficer(QUERY, { id: people[2].idNumber });
      expect(response.data.applicantHousehold).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  it('returns no data when the access cannot be written to the audit log (fail closed), and recovers with it', async () => {
    const sql = running.orm.em.getConnection();
    const query = 'query($id: String!) { person(idNumber: $id) { name phone } }';
    await sql.execute(accessLogSql.disableAppend);
    let refused;
    try {
      refused = await asPopulationOfficer(query, { id: people[0].idNumber });
    } finally {
      await sql.execute(accessLogSql.restoreAppend);
    }
    expect(refused.status).toBe(503);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0].extensions?.code).toBe('AUDIT_UNAVAILABLE');
    expect(JSON.stringify(refused)).not.toContain('测试');
    const answered = await asPopulationOfficer(query, { id: people[0].idNumber });
    expect(answered.data.person.name).toMatch(/^测试/);
  });
});

describe('the audit in the statement that reads the data (ADR 0014)', () => {
  const LOOKUP = 'query($id: String!) { person(idNumber: $id) { name phone } }';

  async function lookUp(idNumber: string, jurisdiction = '120112') {
    const requestId = randomUUID();
    const token = await internalToken({ dept: 'POPULATION', jurisdiction, purpose: 'POPULATION_ADMINISTRATION', requestId });
    allStatements.length = 0;
    const response = await postGraphQL(running.url, LOOKUP, { id: idNumber }, { 'x-gridhub-internal-token': token });
    const sent = allStatements.filter((line) => /\b(select|insert|update|delete)\b/i.test(line));
    const rows = await running.orm.em
      .getConnection()
      .execute<Array<{ at: Date; subject_person_id: string | null; field_classes: string[]; outcome: string }>>(
        accessLogSql.select('at, subject_person_id, field_classes, outcome', 'request_id = ?', 'order by id'),
        [requestId],
      );
    return { response, sent, rows };
  }

  it("writes a look-up's access events in the one statement that reads the person: no separate append", async () => {
    const { response, sent, rows } = await lookUp(people[4].idNumber);
    expect(response.data.person.name).toMatch(/^测试/);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/insert into access_log/);
    expect(rows.map(({ subject_person_id, field_classes, outcome }) => ({ subject_person_id, field_classes, outcome }))).toEqual([
      { subject_person_id: null, field_classes: ['person.lookup'], outcome: 'CLEAR' },
      { subject_person_id: people[4].id, field_classes: ['person.name', 'person.phone'], outcome: 'CLEAR' },
    ]);
    expect(new Set(rows.map((row) => String(row.at))).size).toBe(1); // one statement, one time
  });

  it('logs a person outside the jurisdiction as OUT_OF_JURISDICTION, never with the classes that were withheld', async () => {
    const outside = people.find((p) => p.grid === GRID_B)!;
    const { response, rows } = await lookUp(outside.idNumber, GRID_A.slice(0, 9));
    expect(response.data.person).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    const aboutThem = rows.filter((row) => row.subject_person_id === outside.id);
    expect(aboutThem.map(({ field_classes, outcome }) => ({ field_classes, outcome }))).toEqual([{ field_classes: ['person.record'], outcome: 'OUT_OF_JURISDICTION' }]);
    expect(rows.filter((row) => row.subject_person_id === null).map((row) => row.field_classes)).toEqual([['person.lookup']]);
  });

  it("writes a search page's access events in the statement that reads the page: one statement, every resident on it logged", async () => {
    const requestId = randomUUID();
    const token = await internalToken({ dept: 'POPULATION', jurisdiction: '120112', purpose: 'POPULATION_ADMINISTRATION', requestId });
    allStatements.length = 0;
    const response = await postGraphQL(
      running.url,
      'query($region: String) { people(filter: { regionCode: $region }, first: 7) { nodes { id name } pageInfo { hasNextPage } } }',
      { region: GRID_A.slice(0, 12) },
      { 'x-gridhub-internal-token': token },
    );
    const ids: string[] = response.data.people.nodes.map((n: { id: string }) => n.id);
    expect(ids).toHaveLength(7);
    const sent = allStatements.filter((line) => /\b(select|insert|update|delete)\b/i.test(line));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/insert into access_log/);
    const rows = await running.orm.em
      .getConnection()
      .execute<Array<{ subject_person_id: string | null; field_classes: string[]; outcome: string }>>(
        accessLogSql.select('subject_person_id, field_classes, outcome', 'request_id = ?', 'order by id'),
        [requestId],
      );
    // The page read 8 rows (7, and one to know there is a next page): the 7 shown are logged, the eighth is not.
    const logged = rows.filter((row) => row.subject_person_id !== null);
    expect(logged.map((row) => row.subject_person_id).sort()).toEqual([...ids].sort());
    expect(response.data.people.pageInfo.hasNextPage).toBe(true);
    expect(new Set(logged.map((row) => `${row.outcome} ${row.field_classes.join(',')}`))).toEqual(new Set(['CLEAR person.name']));
    expect(rows.filter((row) => row.subject_person_id === null).map((row) => row.field_classes)).toEqual([['person.search']]);
  });

  it('writes nothing for a request that reads no one, and logs a look-up that found nobody', async () => {
    const requestId = randomUUID();
    const token = await internalToken({ dept: 'POPULATION', jurisdiction: '120112', purpose: 'POPULATION_ADMINISTRATION', requestId });
    allStatements.length = 0;
    const nothing = await postGraphQL(running.url, '{ __typename }', {}, { 'x-gridhub-internal-token': token });
    expect(nothing.data).toEqual({ __typename: 'Query' });
    expect(allStatements).toEqual([]);

    const nobody = makeIdNumber(FIXTURE_ADDRESS_CODE, '1999-01-01', 777);
    const { response, rows } = await lookUp(nobody);
    expect(response.data.person).toBeNull();
    // A miss answers as a person outside the jurisdiction does, and is logged under the person the number would name.
    expect(response.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    const logged = rows.map(({ subject_person_id, field_classes, outcome }) => ({ subject_person_id, field_classes, outcome }));
    expect(logged).toHaveLength(2);
    expect(logged).toEqual(
      expect.arrayContaining([
        { subject_person_id: null, field_classes: ['person.lookup'], outcome: 'CLEAR' },
        { subject_person_id: personIdFor(nobody, personIdSecret()), field_classes: ['person.lookup'], outcome: 'NOT_FOUND' },
      ]),
    );
  });
});
