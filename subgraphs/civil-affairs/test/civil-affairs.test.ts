import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeIdNumber, personIdFor, personIdSecret } from '@hub/domain';
import { startSubgraph, type RunningSubgraph } from '@hub/subgraph-kit';
import { internalToken, postGraphQL, isolatedDatabaseName, recordDataStatements, signedAuthorization } from '@hub/testkit';
import { civilAffairsSubgraph } from '../src/subgraph';

/** 100 津南区 residents with valid GB 11643 numbers and their pseudonymous keys. */
const people = Array.from({ length: 100 }, (_, i) => {
  const idNumber = makeIdNumber('120112', `19${String(50 + (i % 40)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, 2 * i + 1);
  return { idNumber, id: personIdFor(idNumber, personIdSecret()) };
});
const [zhang, li, wang] = people;

const GRID_XIANSHUIGU = '120112100001001'; // 咸水沽镇, synthetic community 001, grid 001
const GRID_XIANSHUIGU_2 = '120112100002003';
const GRID_GEGU = '120112101001002'; // 葛沽镇
const GRID_DAAN = '510304001001001'; // 自贡市大安区: outside every 津南 jurisdiction

let running: RunningSubgraph;
const statements: string[] = [];

/** The household of the case the test's token names (SUBSISTENCE_REVIEW opens exactly its members). */
const CASE_HOUSEHOLD = 'H00000001';

async function call(query: string, variables: Record<string, unknown> = {}, jurisdiction = '120112') {
  const token = await internalToken({ dept: 'CIVIL_AFFAIRS', jurisdiction, purpose: 'SUBSISTENCE_REVIEW', caseId: 'A1', caseHouseholdIds: [CASE_HOUSEHOLD] });
  return postGraphQL(running.url, query, variables, { 'x-gridhub-internal-token': token });
}

async function sql(text: string, params: unknown[] = []) {
  return running.orm.em.getConnection().execute(text, params);
}

/** 30 applications in 津南 (ids A2025…001–030), statuses cycling through the workflow, plus two that no 津南 officer may list. */
const STATUSES = ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING', 'APPROVED', 'REJECTED'];
const applications = Array.from({ length: 30 }, (_, i) => ({
  id: `A20251101${String(i + 1).padStart(11, '0')}`,
  person: people[i],
  household: `H${String(10000001 + i)}`,
  status: STATUSES[i % STATUSES.length],
  grid: [GRID_XIANSHUIGU, GRID_XIANSHUIGU_2, GRID_GEGU][i % 3],
}));

beforeAll(async () => {
  running = await startSubgraph(civilAffairsSubgraph, {
    serverUrl: process.env.DATABASE_URL!,
    databaseName: isolatedDatabaseName('civil-affairs'),
    port: 0,
    onQuery: recordDataStatements(statements),
  });
  await sql('truncate assistance_record, disability_certificate, income_declaration, assistance_application, subsistence_standard restart identity cascade');

  await sql(
    `insert into assistance_record (person_id, household_id, kind, monthly_amount, start_on, end_on, status, grid_code) values
       (?, 'H10000001', 'TEKUN', 1200.00, '2019-05-01', '2022-12-31', 'ENDED', ?),
       (?, 'H10000001', 'DIBAO', 920.50, '2023-01-01', null, 'ACTIVE', ?),
       (?, 'H10000002', 'DIBAO', 600.00, '2024-03-01', null, 'SUSPENDED', ?)`,
    [zhang.id, GRID_XIANSHUIGU, zhang.id, GRID_XIANSHUIGU, li.id, GRID_GEGU],
  );
  // Every fifth of the other residents receives a disability living allowance, so the batch has many hits.
  for (let i = 5; i < 100; i += 5) {
    await sql(`insert into assistance_record (person_id, kind, monthly_amount, start_on, status) values (?, 'CANJI_SHENGHUO', 90.00, '2024-01-01', 'ACTIVE')`, [people[i].id]);
  }
  await sql(
    `insert into disability_certificate (person_id, certificate_number, category, level, issued_on, valid_until) values
       (?, '12011219500111000142', '4', '3', '2010-06-01', '2020-06-01'),
       (?, '12011219500111000142B', '4', '2', '2020-06-01', '2030-05-31'),
       (?, '12011219510212000362', '1', '1', '2008-01-01', '2018-01-01')`,
    [zhang.id, zhang.id, wang.id],
  );
  await sql(
    `insert into income_declaration (person_id, month, amount, source) values
       (?, '2025-09-01', 1500.50, 'WAGE'), (?, '2025-10-01', 1600.00, 'WAGE'), (?, '2025-10-01', 300.00, 'PENSION')`,
    [zhang.id, zhang.id, zhang.id],
  );
  for (const a of applications) {
    await sql(
      `insert into assistance_application (id, applicant_person_id, household_id, kind, status, authorization_on_file, applied_on, verified_on, grid_code)
       values (?, ?, ?, 'DIBAO', ?, true, '2025-11-01', ?, ?)`,
      [a.id, a.person.id, a.household, a.status, a.status === 'ACCEPTED' ? null : '2025-11-05', a.grid],
    );
  }
  await sql(
    `insert into assistance_application (id, applicant_person_id, household_id, status, authorization_on_file, applied_on, grid_code) values
       ('A2025110100000000901', ?, 'H20000001', 'ACCEPTED', true, '2025-11-01', ?),
       ('A2025110100000000902', ?, 'H20000002', 'ACCEPTED', false, '2025-11-01', null)`,
    [people[98].id, GRID_DAAN, people[99].id],
  );
  await sql(
    `insert into subsistence_standard (region_code, effective_from, monthly_standard, dwelling_limit, vehicle_rule, version) values
       ('120000', '2018-04-01', 920.00, 1, 'NO_NON_EXEMPT_VEHICLE', 'TJ-2018-04'),
       ('120000', '2024-07-01', 1010.00, 1, 'NO_NON_EXEMPT_VEHICLE', 'TJ-2024-07-synthetic')`,
  );
});

afterAll(async () => {
  await running?.stop();
});

describe('civil-affairs subgraph', () => {
  describe('authentication', () => {
    it("answers nothing, not even _service, without the gateway's internal token", async () => {
      for (const query of ['{ _service { sdl } }', '{ subsistenceStandards { version } }']) {
        const response = await postGraphQL(running.url, query);
        expect(response.status).toBe(401);
        expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(response.data).toBeUndefined();
      }
    });

    it('refuses a forged token', async () => {
      const response = await postGraphQL(running.url, '{ _service { sdl } }', {}, { 'x-gridhub-internal-token': 'eyJhbGciOiJFZERTQSJ9.e30.AAAA' });
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('serves its SDL to the gateway', async () => {
      const response = await call('{ _service { sdl } }');
      expect(response.status).toBe(200);
      const sdl: string = response.data._service.sdl;
      expect(sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
      expect(sdl).toMatch(/type Household\s+@key\(fields: "id", resolvable: false\)/);
      expect(sdl).toContain('subsistenceChecks(applicationIds: [ID!]!): [SubsistenceCheck!]!');
      expect(sdl).toMatch(/openAssistanceApplication\(/);
    });
  });

  describe('Person extension through _entities', () => {
    const PERSON_FIELDS = `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Person {
            id
            assistance { id kind monthlyAmount startOn endOn status }
            receivesAssistance
            disability { certificateNumber category level issuedOn validUntil }
            hasDisability
            incomeDeclarations { month amount source }
          }
        }
      }`;

    it('answers 100 people with one SQL statement per loader', async () => {
      statements.length = 0;
      const response = await call(PERSON_FIELDS, { representations: people.map(({ id }) => ({ __typename: 'Person', id, accessScope: `120112100001001|${CASE_HOUSEHOLD}` })) });
      expect(response.errors).toBeUndefined();
      expect(response.data._entities).toHaveLength(100);
      // assistanceByPerson (assistance + receivesAssistance), disabilityByPerson (disability + hasDisability), incomeByPerson
      expect(statements).toHaveLength(3);
      expect(statements.filter((s) => /from "assistance_record"/.test(s))).toHaveLength(1);
      expect(statements.filter((s) => /from "disability_certificate"/.test(s))).toHaveLength(1);
      expect(statements.filter((s) => /from "income_declaration"/.test(s))).toHaveLength(1);

      const [first, second, third, , , fifth] = response.data._entities;
      expect(first).toEqual({
        id: zhang.id,
        assistance: [
          { id: '2', kind: 'DIBAO', monthlyAmount: 920.5, startOn: '2023-01-01', endOn: null, status: 'ACTIVE' },
          { id: '1', kind: 'TEKUN', monthlyAmount: 1200, startOn: '2019-05-01', endOn: '2022-12-31', status: 'ENDED' },
        ],
        receivesAssistance: true,
        disability: { certificateNumber: '12011219500111000142B', category: '4', level: '2', issuedOn: '2020-06-01', validUntil: '2030-05-31' },
        hasDisability: true,
        incomeDeclarations: [
          { month: '2025-10', amount: 300, source: 'PENSION' },
          { month: '2025-10', amount: 1600, source: 'WAGE' },
          { month: '2025-09', amount: 1500.5, source: 'WAGE' },
        ],
      });
      expect(second).toMatchObject({ id: li.id, receivesAssistance: false, disability: null, hasDisability: false, incomeDeclarations: [] });
      expect(second.assistance).toEqual([{ id: '3', kind: 'DIBAO', monthlyAmount: 600, startOn: '2024-03-01', endOn: null, status: 'SUSPENDED' }]);
      expect(third).toMatchObject({ id: wang.id, assistance: [], receivesAssistance: false, hasDisability: false });
      expect(third.disability.validUntil).toBe('2018-01-01');
      expect(fifth).toMatchObject({ id: people[5].id, receivesAssistance: true, assistance: [{ kind: 'CANJI_SHENGHUO', monthlyAmount: 90 }] });
    });

    it('answers a malformed person key with null', async () => {
      const response = await call(PERSON_FIELDS, { representations: [{ __typename: 'Person', id: '120112198503120018' }] });
      expect(response.errors).toBeUndefined();
      expect(response.data._entities).toEqual([null]);
    });
  });

  describe('assistanceApplications', () => {
    const LIST = `
      query ($status: String, $first: Int, $after: String) {
        assistanceApplications(status: $status, first: $first, after: $after) {
          totalCount
          nodes { id status authorizationOnFile kind appliedOn verifiedOn applicant { id } household { id } }
          pageInfo { hasNextPage endCursor }
        }
      }`;

    it("pages through the jurisdiction's applications in id order, without duplicates", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const response = await call(LIST, { first: 7, after });
        expect(response.errors).toBeUndefined();
        const page = response.data.assistanceApplications;
        expect(page.totalCount).toBe(30);
        seen.push(...page.nodes.map((n: { id: string }) => n.id));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(applications.map((a) => a.id));
      expect(seen).not.toContain('A2025110100000000901'); // 大安区
      expect(seen).not.toContain('A2025110100000000902'); // no grid yet
    });

    it('returns the application with its applicant and household keys', async () => {
      const response = await call(LIST, { first: 1 });
      expect(response.data.assistanceApplications.nodes[0]).toEqual({
        id: applications[0].id,
        status: 'ACCEPTED',
        authorizationOnFile: true,
        kind: 'DIBAO',
        appliedOn: '2025-11-01',
        verifiedOn: null,
        applicant: { id: zhang.id },
        household: { id: 'H10000001' },
      });
    });

    it('filters by status', async () => {
      const response = await call(LIST, { status: 'VERIFYING' });
      const page = response.data.assistanceApplications;
      expect(page.totalCount).toBe(5);
      expect(page.nodes.map((n: { id: string }) => n.id)).toEqual(applications.filter((a) => a.status === 'VERIFYING').map((a) => a.id));
      expect(page.nodes.every((n: { verifiedOn: string }) => n.verifiedOn === '2025-11-05')).toBe(true);
    });

    it("narrows to a street's or a grid's jurisdiction", async () => {
      const town = await call(LIST, { first: 100 }, '120112100');
      expect(town.data.assistanceApplications.totalCount).toBe(20);
      expect(town.data.assistanceApplications.nodes.map((n: { id: string }) => n.id)).toEqual(applications.filter((a) => a.grid.startsWith('120112100')).map((a) => a.id));
      const grid = await call(LIST, { first: 100 }, GRID_GEGU);
      expect(grid.data.assistanceApplications.nodes.map((n: { id: string }) => n.id)).toEqual(applications.filter((a) => a.grid === GRID_GEGU).map((a) => a.id));
      const elsewhere = await call(LIST, {}, '510304');
      expect(elsewhere.data.assistanceApplications).toMatchObject({ totalCount: 1, nodes: [{ id: 'A2025110100000000901' }] });
    });

    const NARROWED = `
      query ($status: String, $stage: String, $from: String, $to: String, $first: Int) {
        assistanceApplications(status: $status, stage: $stage, appliedFrom: $from, appliedTo: $to, first: $first) { totalCount nodes { id status stage } }
      }`;

    it('narrows by 办理环节 (stage): what each application waits for', async () => {
      const count = async (stage: string) => (await call(NARROWED, { stage, first: 100 })).data.assistanceApplications;
      const verification = await count('VERIFICATION');
      expect(verification.totalCount).toBe(applications.filter((a) => ['ACCEPTED', 'VERIFYING'].includes(a.status)).length);
      expect(verification.nodes.every((n: { stage: string }) => n.stage === 'VERIFICATION')).toBe(true);
      expect((await count('CLOSED')).totalCount).toBe(applications.filter((a) => ['APPROVED', 'REJECTED'].includes(a.status)).length);
      // PUBLICIZING without a recorded 公示 start cannot still be in its 7 days: it waits for the decision.
      expect((await count('DECISION')).nodes.map((n: { status: string }) => n.status)).toEqual(applications.filter((a) => a.status === 'PUBLICIZING').map(() => 'PUBLICIZING'));
      expect((await count('PUBLICITY')).totalCount).toBe(0);
      const both = await call(NARROWED, { stage: 'VERIFICATION', status: 'VERIFYING' });
      expect(both.data.assistanceApplications.totalCount).toBe(applications.filter((a) => a.status === 'VERIFYING').length);
      const unknown = await call(NARROWED, { stage: 'SOON' });
      expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/stage must be one of VERIFICATION, INVESTIGATION/) });
    });

    it('narrows by the 受理 date, and refuses a date that is not real, in the future, or a range the wrong way round', async () => {
      expect((await call(NARROWED, { from: '2025-11-01', to: '2025-11-01' })).data.assistanceApplications.totalCount).toBe(30);
      expect((await call(NARROWED, { from: '2025-11-02' })).data.assistanceApplications.totalCount).toBe(0);
      expect((await call(NARROWED, { to: '2025-10-31' })).data.assistanceApplications.totalCount).toBe(0);
      const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
      for (const [variables, message] of [
        [{ from: '2025-02-30' }, /appliedFrom must be a date written YYYY-MM-DD/],
        [{ to: '20251101' }, /appliedTo must be a date written YYYY-MM-DD/],
        [{ to: tomorrow }, /appliedTo must not be in the future/],
        [{ from: '2025-11-05', to: '2025-11-01' }, /appliedFrom \(2025-11-05\) must not be after appliedTo \(2025-11-01\)/],
      ] as const) {
        const response = await call(NARROWED, variables);
        expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
      }
    });

    it("reads one application of the jurisdiction, with its 办理环节; another office's is refused", async () => {
      const ONE = 'query ($id: ID!) { assistanceApplication(id: $id) { id status stage publicityEndsOn latestCheck { id } applicant { id } household { id } } }';
      const own = await call(ONE, { id: applications[3].id });
      expect(own.errors).toBeUndefined();
      expect(own.data.assistanceApplication).toEqual({
        id: applications[3].id,
        status: 'PUBLICIZING',
        stage: 'DECISION',
        publicityEndsOn: null,
        latestCheck: null,
        applicant: { id: applications[3].person.id },
        household: { id: applications[3].household },
      });
      const missing = await call(ONE, { id: 'A99999999' });
      expect(missing.errors).toBeUndefined();
      expect(missing.data.assistanceApplication).toBeNull();
      const elsewhere = await call(ONE, { id: 'A2025110100000000901' });
      expect(elsewhere.data.assistanceApplication).toBeNull();
      expect(elsewhere.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
      expect((await call(ONE, { id: "x' or 1=1" })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('rejects an unknown status, a bad page size and a forged cursor', async () => {
      const status = await call(LIST, { status: 'PENDING' });
      expect(status.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(status.errors?.[0].message).toMatch(/status must be one of ACCEPTED, VERIFYING/);
      expect((await call(LIST, { first: 501 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await call(LIST, { after: 'not-a-cursor' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe("openAssistanceApplication: the household comes from population, asked with the caseworker's own token", () => {
    const OPEN = `
      mutation ($idNumber: String!, $authorizationOnFile: Boolean!, $householdId: ID, $authorization: AuthorizationEvidenceInput) {
        openAssistanceApplication(idNumber: $idNumber, authorizationOnFile: $authorizationOnFile, householdId: $householdId, authorization: $authorization) {
          id status authorizationOnFile kind appliedOn verifiedOn decidedOn applicant { id } household { id }
        }
      }`;
    /** Opens as the office does: a 授权书 on file comes with its number, date and scan digest. */
    const open = (variables: { idNumber: string; authorizationOnFile: boolean; householdId?: string }) =>
      call(OPEN, { ...variables, authorization: variables.authorizationOnFile ? signedAuthorization('unit') : null });
    /** What the stand-in for population's subgraph answers per ID number (population's own behaviour is tested end to end in e2e/subsistence). */
    const registered = new Map<string, { householdId: string | null; gridCode: string | null } | 'OUT_OF_JURISDICTION'>();
    const asked: Array<{ token: unknown; requestId: unknown; query: string; idNumber: string }> = [];
    let population: Server;
    let previousUrl: string | undefined;

    beforeAll(async () => {
      population = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          const { query, variables } = JSON.parse(body);
          asked.push({ token: req.headers['x-gridhub-internal-token'], requestId: req.headers['x-request-id'], query, idNumber: variables.idNumber });
          const answer = registered.get(variables.idNumber);
          res.writeHead(200, { 'content-type': 'application/json' });
          if (answer === 'OUT_OF_JURISDICTION') {
            res.end(JSON.stringify({ data: { applicantHousehold: null }, errors: [{ message: 'outside', path: ['applicantHousehold'], extensions: { code: 'OUT_OF_JURISDICTION' } }] }));
          } else {
            res.end(JSON.stringify({ data: { applicantHousehold: answer ?? null } }));
          }
        });
      });
      await new Promise<void>((resolve) => population.listen(0, '127.0.0.1', resolve));
      previousUrl = process.env.SUBGRAPH_URL_POPULATION;
      process.env.SUBGRAPH_URL_POPULATION = `http://127.0.0.1:${(population.address() as AddressInfo).port}/graphql`;
    });

    afterAll(async () => {
      if (previousUrl === undefined) delete process.env.SUBGRAPH_URL_POPULATION;
      else process.env.SUBGRAPH_URL_POPULATION = previousUrl;
      await new Promise((resolve) => population.close(resolve));
    });

    it('opens an ACCEPTED application for the household population registers the applicant in, placed in its grid', async () => {
      const applicant = makeIdNumber('120112', '1962-08-15', 24);
      registered.set(applicant, { householdId: 'H10000077', gridCode: GRID_XIANSHUIGU_2 });
      asked.length = 0;
      const response = await open({ idNumber: applicant, authorizationOnFile: true });
      expect(response.errors).toBeUndefined();
      const opened = response.data.openAssistanceApplication;
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      expect(opened).toEqual({
        id: expect.stringMatching(new RegExp(`^A${today.replace(/-/g, '')}\\d{11}$`)),
        status: 'ACCEPTED',
        authorizationOnFile: true,
        kind: 'DIBAO',
        appliedOn: today,
        verifiedOn: null,
        decidedOn: null,
        applicant: { id: personIdFor(applicant, personIdSecret()) },
        household: { id: 'H10000077' },
      });
      // Population was asked once, with the caseworker's own signed token (its policy and audit see the caseworker).
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({ idNumber: applicant, query: expect.stringContaining('applicantHousehold(idNumber: $idNumber)') });
      expect(typeof asked[0].token).toBe('string');
      const rows = await sql('select * from assistance_application where id = ?', [opened.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        applicant_person_id: personIdFor(applicant, personIdSecret()),
        household_id: 'H10000077',
        status: 'ACCEPTED',
        authorization_on_file: true,
        grid_code: GRID_XIANSHUIGU_2,
      });
      // The key is pseudonymous: the ID number itself is stored nowhere.
      expect(JSON.stringify(rows[0])).not.toContain(applicant);
    });

    it("accepts the household the caseworker names when it is population's, and refuses another", async () => {
      const applicant = makeIdNumber('120112', '1971-04-04', 35);
      registered.set(applicant, { householdId: 'H10000078', gridCode: GRID_GEGU });
      const same = await open({ idNumber: applicant, authorizationOnFile: true, householdId: 'H10000078' });
      expect(same.errors).toBeUndefined();
      expect(same.data.openAssistanceApplication.household).toEqual({ id: 'H10000078' });
      const other = await open({ idNumber: applicant, authorizationOnFile: true, householdId: 'H10000079' });
      expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(other.errors?.[0].message).toMatch(/不是人口库登记的申请人所在的户/);
      const malformed = await open({ idNumber: applicant, authorizationOnFile: true, householdId: 'X1' });
      expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(malformed.errors?.[0].message).toMatch(/H followed by 8 digits/);
    });

    it('gives every application its own id', async () => {
      const idNumber = makeIdNumber('120112', '1975-03-03', 31);
      registered.set(idNumber, { householdId: 'H10000088', gridCode: GRID_XIANSHUIGU });
      const responses = await Promise.all(Array.from({ length: 10 }, () => open({ idNumber, authorizationOnFile: false })));
      const ids = responses.map((r) => r.data.openAssistanceApplication.id);
      expect(new Set(ids).size).toBe(10);
      const [{ count }] = await sql(`select count(*)::int as count from assistance_application where household_id = 'H10000088'`);
      expect(count).toBe(10);
    });

    it("names the wrong check digit of the applicant's ID number, without asking population", async () => {
      asked.length = 0;
      const response = await open({ idNumber: '120112198503120017', authorizationOnFile: true });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toMatch(/check digit is 7 but GB 11643 requires 8/);
      expect(response.data).toBeNull();
      expect(asked).toEqual([]);
    });

    it('refuses, in words a caseworker reads, an unknown applicant, one in no household and one outside the jurisdiction', async () => {
      const unknown = makeIdNumber('120112', '1980-01-01', 41);
      const noHousehold = makeIdNumber('120112', '1980-01-02', 43);
      const elsewhere = makeIdNumber('120112', '1980-01-03', 45);
      registered.set(noHousehold, { householdId: null, gridCode: GRID_GEGU });
      registered.set(elsewhere, 'OUT_OF_JURISDICTION');
      const before = await sql('select count(*)::int as count from assistance_application');
      const notFound = await open({ idNumber: unknown, authorizationOnFile: true });
      expect(notFound.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/人口库中没有该公民身份号码的人员/) });
      const alone = await open({ idNumber: noHousehold, authorizationOnFile: true });
      expect(alone.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/未登记在任何户籍家庭/) });
      const outside = await open({ idNumber: elsewhere, authorizationOnFile: true });
      expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'OUT_OF_JURISDICTION' }, message: expect.stringMatching(/不在您的辖区/) });
      expect(await sql('select count(*)::int as count from assistance_application')).toEqual(before);
    });

    it('keeps the 授权书 as evidence: the flag alone, a malformed digest, a future or stale signing date are refused before population is asked', async () => {
      const applicant = makeIdNumber('120112', '1971-03-09', 51);
      registered.set(applicant, { householdId: 'H10000091', gridCode: GRID_GEGU });
      asked.length = 0;
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const daysAgo = (days: number) => new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
      const refused = async (authorization: Record<string, unknown> | null, message: RegExp) => {
        const response = await call(OPEN, { idNumber: applicant, authorizationOnFile: true, authorization });
        expect({ code: response.errors?.[0].extensions?.code, message: response.errors?.[0].message }).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) });
      };
      const evidence = signedAuthorization('evidence');
      await refused(null, /authorizationOnFile alone is not evidence/);
      await refused({ ...evidence, fileSha256: 'abc' }, /fileSha256 must be the SHA-256 of the scan/);
      await refused({ ...evidence, signedOn: daysAgo(-2) }, /is in the future/);
      await refused({ ...evidence, signedOn: daysAgo(181) }, /已超过 180 天，须重新签署/);
      await refused({ ...evidence, documentNumber: 'x' }, /2–40 printable characters/);
      expect(asked).toEqual([]);

      const WITH_EVIDENCE = OPEN.replace('applicant { id }', 'applicant { id } authorization { documentNumber signedOn fileSha256 }');
      const opened = await call(WITH_EVIDENCE, { idNumber: applicant, authorizationOnFile: true, authorization: { ...evidence, fileSha256: evidence.fileSha256.toUpperCase() } });
      expect(opened.errors).toBeUndefined();
      expect(opened.data.openAssistanceApplication.authorization).toEqual({ documentNumber: evidence.documentNumber, signedOn: today, fileSha256: evidence.fileSha256 });
      const [kept] = await sql(
        `select authorization_document_number, authorization_signed_on::text, authorization_file_sha256 from assistance_application where id = '${opened.data.openAssistanceApplication.id}'`,
      );
      expect(kept).toEqual({ authorization_document_number: evidence.documentNumber, authorization_signed_on: today, authorization_file_sha256: evidence.fileSha256 });
    });

    it('opens nothing when population does not answer, and says which department', async () => {
      const applicant = makeIdNumber('120112', '1966-06-06', 47);
      registered.set(applicant, { householdId: 'H10000090', gridCode: GRID_GEGU });
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const url = process.env.SUBGRAPH_URL_POPULATION;
      process.env.SUBGRAPH_URL_POPULATION = `http://127.0.0.1:${port}/graphql`;
      try {
        const response = await open({ idNumber: applicant, authorizationOnFile: true });
        expect(response.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'POPULATION' });
        expect(response.errors?.[0].message).toMatch(/人口（户籍）系统暂不可用/);
      } finally {
        process.env.SUBGRAPH_URL_POPULATION = url;
      }
      expect(await sql(`select 1 from assistance_application where household_id = 'H10000090'`)).toEqual([]);
    });
  });

  describe('subsistence checks: civil affairs names the check, then decides with the facts the gateway brings', () => {
    const application = applications[0]; // ACCEPTED, authorization on file
    const asCase = async (query: string, variables: Record<string, unknown>, households = [application.household]) => {
      const token = await internalToken({ dept: 'CIVIL_AFFAIRS', jurisdiction: '120112', purpose: 'SUBSISTENCE_REVIEW', caseId: application.id, caseHouseholdIds: households });
      return postGraphQL(running.url, query, variables, { 'x-gridhub-internal-token': token });
    };
    const DECIDE =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on SubsistenceCheck { id eligible reasons memberCount perCapitaMonthlyIncome standardMonthly ownedDwellingCount nonExemptVehicleCount checkedBy ruleVersion incomeMonths provenance { fact department } } } }';
    const member = (facts: Record<string, unknown>) => ({
      relationToHead: '02',
      livesWithHousehold: true,
      person: { id: zhang.id, deathDate: null, ownedDwellings: [{ id: 'D00000001' }, { id: 'D00000002' }], nonExemptVehicleCount: 0, ...facts },
    });

    it("names the check of the case's applicant, and refuses a wrong check digit or another person", async () => {
      const query = 'query ($id: String!) { subsistenceCheck(idNumber: $id) { id householdId application { id status } } }';
      const bad = await asCase(query, { id: '120112198503120017' });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].message).toMatch(/check digit/);
      const other = await asCase(query, { id: people[1].idNumber });
      expect(other.errors?.[0].message).toMatch(/not the applicant/);
      const named = await asCase(query, { id: application.person.idNumber });
      expect(named.errors).toBeUndefined();
      expect(named.data.subsistenceCheck).toMatchObject({ householdId: application.household, application: { id: application.id, status: 'ACCEPTED' } });
      expect(named.data.subsistenceCheck.id.startsWith(`${application.id}-`)).toBe(true);
    });

    it('decides from the gathered facts and its own declared income, and keeps the report', async () => {
      const id = `${application.id}-unit1`;
      const response = await asCase(DECIDE, { r: [{ __typename: 'SubsistenceCheck', id, householdId: application.household, household: { members: [member({})] } }] });
      expect(response.errors).toBeUndefined();
      const [check] = response.data._entities;
      // Two declared months (2025-09, 2025-10): (1500.50 + 1600.00 + 300.00) / 2 = 1700.25 a month for one member.
      expect(check).toMatchObject({
        checkedBy: 'test-civil_affairs',
        eligible: false,
        reasons: ['INCOME_ABOVE_STANDARD', 'EXCESS_DWELLINGS'],
        memberCount: 1,
        perCapitaMonthlyIncome: 1700.25,
        standardMonthly: 1010,
        ownedDwellingCount: 2,
        nonExemptVehicleCount: 0,
        ruleVersion: 'TJ-2024-07-synthetic',
        incomeMonths: ['2025-09', '2025-10'],
      });
      const [report] = await sql('select application_id, eligible, reasons from subsistence_check_report where id = ?', [id]);
      expect(report).toEqual({ application_id: application.id, eligible: false, reasons: ['INCOME_ABOVE_STANDARD', 'EXCESS_DWELLINGS'] });
      // The application's record shows its newest kept report: when, by whom, the verdict.
      const latest = await asCase('query ($id: ID!) { assistanceApplication(id: $id) { latestCheck { id checkedAt checkedBy ruleVersion eligible reasons } } }', { id: application.id });
      expect(latest.data.assistanceApplication.latestCheck).toEqual({
        id,
        checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        checkedBy: 'test-civil_affairs',
        ruleVersion: 'TJ-2024-07-synthetic',
        eligible: false,
        reasons: ['INCOME_ABOVE_STANDARD', 'EXCESS_DWELLINGS'],
      });
    });

    it('never finds a household eligible on missing facts: the department that did not answer is named', async () => {
      const response = await asCase(DECIDE, {
        r: [
          {
            __typename: 'SubsistenceCheck',
            id: `${application.id}-unit2`,
            householdId: application.household,
            household: { members: [member({ ownedDwellings: null, nonExemptVehicleCount: null })] },
          },
          { __typename: 'SubsistenceCheck', id: `${application.id}-unit3`, householdId: application.household, household: null },
        ],
      });
      expect(response.errors).toBeUndefined();
      expect(response.data._entities[0].reasons).toEqual(['INCOME_ABOVE_STANDARD', 'FACTS_UNAVAILABLE_HOUSING', 'FACTS_UNAVAILABLE_PUBLIC_SECURITY']);
      expect(response.data._entities[1]).toMatchObject({ eligible: false, reasons: ['FACTS_UNAVAILABLE_POPULATION'] });
    });

    it("does not run a check outside the request's cases, and keeps nothing for it", async () => {
      const id = `${application.id}-unit4`;
      const response = await asCase(DECIDE, { r: [{ __typename: 'SubsistenceCheck', id, householdId: 'H99999999', household: { members: [member({})] } }] }, [application.household]);
      // The household is not one this request opened: out of jurisdiction, nothing computed.
      expect(response.data?._entities?.[0] ?? null).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
      expect(await sql('select 1 from subsistence_check_report where id = ?', [id])).toEqual([]);
    });

    it('answers at most 250 application ids, in order, with not-open cases not run', async () => {
      const query = 'query ($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { id householdId application { id } } }';
      const ids = [applications[0].id, applications[4].id]; // ACCEPTED, APPROVED (closed)
      const ok = await asCase(query, { ids }, [applications[0].household, applications[4].household]);
      expect(ok.errors).toBeUndefined();
      // The closed one is answered in its place, naming neither the application nor its household.
      expect(ok.data.subsistenceChecks.map((c: { application: { id: string } | null }) => c.application?.id ?? null)).toEqual([applications[0].id, null]);
      expect(ok.data.subsistenceChecks.map((c: { householdId: string }) => c.householdId)).toEqual([applications[0].household, '']);
      const tooMany = await asCase(query, { ids: Array.from({ length: 251 }, (_, i) => `A${i}`) });
      expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(tooMany.errors?.[0].message).toMatch(/at most 250/);
      const malformed = await asCase(query, { ids: ['A1', "x' or 1=1"] });
      expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('lists the dated subsistence standards', async () => {
    const response = await call('{ subsistenceStandards { regionCode effectiveFrom monthlyStandard dwellingLimit vehicleRule incomeMonths version } }');
    expect(response.errors).toBeUndefined();
    expect(response.data.subsistenceStandards).toEqual([
      { regionCode: '120000', effectiveFrom: '2024-07-01', monthlyStandard: 1010, dwellingLimit: 1, vehicleRule: 'NO_NON_EXEMPT_VEHICLE', incomeMonths: 3, version: 'TJ-2024-07-synthetic' },
      { regionCode: '120000', effectiveFrom: '2018-04-01', monthlyStandard: 920, dwellingLimit: 1, vehicleRule: 'NO_NON_EXEMPT_VEHICLE', incomeMonths: 3, version: 'TJ-2018-04' },
    ]);
  });
});
