/**
 * Issue #16, items 3–5: what a caller could learn outside its scope before.
 * - A batch 核对 (`subsistenceChecks`) of another office's or a closed application answers nothing of the application.
 * - `person(idNumber)` is no oracle for a purpose that sees ID numbers masked: every look-up (a miss too) is audited,
 *   each user has a small budget a minute, and a person outside the jurisdiction answers exactly as no person does.
 * - `accessLog` is the auditor's jurisdiction's only, and the auditor's read of it is logged under its subject.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { accessLogSql } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { makeIdNumber, personIdFor, personIdSecret } from '@hub/domain';
import { postGraphQL, startHub, testSeedManifest, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';

/** The per-user budget of look-ups by full ID number this hub runs with (small, so the test reaches it quickly). */
const LOOKUPS_PER_MINUTE = 5;

const planted = testSeedManifest().planted;
const applications = [...planted.eligibleApplications, ...planted.incomeAboveStandard, ...planted.excessDwellings, ...planted.nonExemptVehicle, ...planted.memberDeceased];
const street = (gridCode: string) => gridCode.slice(0, 9);
/** Two planted applicants living in different streets of the district. */
const here = applications[0];
const elsewhere = applications.find((application) => street(application.gridCode) !== street(here.gridCode))!;

let hub: RunningHub;

async function auditRows(department: string, requestId: string): Promise<Array<{ subject_person_id: string | null; outcome: string; field_classes: string[] }>> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(department)) });
  await client.connect();
  try {
    return (await client.query(accessLogSql.select('subject_person_id, outcome, field_classes', 'request_id = $1', 'order by id'), [requestId])).rows;
  } finally {
    await client.end();
  }
}

async function as(user: TestUser, purpose: string, query: string, variables: Record<string, unknown>, requestId = randomUUID()): Promise<GraphQLResponse> {
  return postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose, 'x-request-id': requestId });
}

beforeAll(async () => {
  expect(elsewhere).toBeDefined();
  hub = await startHub({ env: { ID_NUMBER_LOOKUPS_PER_MINUTE: String(LOOKUPS_PER_MINUTE) } });
});

afterAll(async () => {
  await hub?.stop();
});

describe('subsistenceChecks: a check that was not run names no application and no household', () => {
  const BATCH = `query($ids: [ID!]!) {
    subsistenceChecks(applicationIds: $ids) { householdId reasons application { id status decisionReason household { id } applicant { id } } }
  }`;

  it("answers another office's open application and a closed one with CASE_NOT_OPEN only", async () => {
    const closed = planted.closedApplications[0];
    // An officer of the other street: `here` is another office's case; the closed application is nobody's case.
    const officer: TestUser = { dept: 'CIVIL_AFFAIRS', jurisdiction: street(elsewhere.gridCode), sub: 'scope-caseworker' };
    const response = await as(officer, 'SUBSISTENCE_REVIEW', BATCH, { ids: [here.applicationId, closed.applicationId] });
    expect(response.errors).toBeUndefined();
    expect(response.data.subsistenceChecks).toEqual([
      { householdId: '', reasons: ['CASE_NOT_OPEN'], application: null },
      { householdId: '', reasons: ['CASE_NOT_OPEN'], application: null },
    ]);
  });

  it('still checks the open case of its own office, in the given order', async () => {
    const officer: TestUser = { dept: 'CIVIL_AFFAIRS', jurisdiction: street(here.gridCode), sub: 'scope-caseworker-2' };
    const response = await as(officer, 'SUBSISTENCE_REVIEW', BATCH, { ids: [planted.closedApplications[0].applicationId, here.applicationId] });
    expect(response.errors).toBeUndefined();
    expect(response.data.subsistenceChecks[0]).toEqual({ householdId: '', reasons: ['CASE_NOT_OPEN'], application: null });
    expect(response.data.subsistenceChecks[1]).toMatchObject({ householdId: here.householdId, application: { id: here.applicationId, household: { id: here.householdId } } });
  });
});

describe('person(idNumber) is no oracle where ID numbers are masked', () => {
  const PERSON = 'query($id: String!) { person(idNumber: $id) { name idNumber birthDate } }';
  const nobody = makeIdNumber('120112', '1961-07-13', 997);
  /** What the caller can tell two answers apart by. */
  const visible = (response: GraphQLResponse) => ({
    status: response.status,
    data: response.data,
    errors: response.errors?.map(({ message, path, extensions }) => ({ message, path, code: extensions?.code })),
  });

  it('answers a person outside the jurisdiction exactly as an ID number nobody has', async () => {
    const gridWorker: TestUser = { dept: 'GRID', jurisdiction: street(here.gridCode), sub: 'scope-grid-oracle' };
    const outside = await as(gridWorker, 'GRID_SERVICE', PERSON, { id: elsewhere.applicantIdNumber });
    const missing = await as(gridWorker, 'GRID_SERVICE', PERSON, { id: nobody });
    expect(visible(outside)).toEqual(visible(missing));
    expect(outside.data).toEqual({ person: null });
    const inside = await as(gridWorker, 'GRID_SERVICE', PERSON, { id: here.applicantIdNumber });
    expect(inside.data.person.idNumber).toMatch(/^\d{3}\*{13}[\dX]{2}$/);
  });

  it('audits every look-up by full ID number, a miss too', async () => {
    const requestId = randomUUID();
    await as({ dept: 'HOUSING', jurisdiction: '120112', sub: 'scope-housing-miss' }, 'HOUSING_ADMINISTRATION', PERSON, { id: nobody }, requestId);
    expect(await auditRows('population', requestId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject_person_id: personIdFor(nobody, personIdSecret()), field_classes: ['person.lookup'] })]),
    );
  });

  it('gives each user a small budget of such look-ups a minute (RATE_LIMITED after), other users and clear purposes unaffected', async () => {
    const housing: TestUser = { dept: 'HOUSING', jurisdiction: '120112', sub: 'scope-housing-enumerator' };
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) {
      const response = await as(housing, 'HOUSING_ADMINISTRATION', PERSON, { id: makeIdNumber('120112', '1970-01-01', 100 + 2 * i) });
      expect(response.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('RATE_LIMITED');
    }
    const requestId = randomUUID();
    const refused = await as(housing, 'HOUSING_ADMINISTRATION', PERSON, { id: here.applicantIdNumber }, requestId);
    expect(refused.data?.person ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/5 a minute/) });
    expect(await auditRows('population', requestId)).toEqual(expect.arrayContaining([expect.objectContaining({ subject_person_id: here.applicantPersonId, outcome: 'RATE_LIMITED' })]));

    const colleague = await as({ ...housing, sub: 'scope-housing-colleague' }, 'HOUSING_ADMINISTRATION', PERSON, { id: here.applicantIdNumber });
    expect(colleague.errors).toBeUndefined();
    const population: TestUser = { dept: 'POPULATION', jurisdiction: '120112', sub: 'scope-population-clerk' };
    for (let i = 0; i <= LOOKUPS_PER_MINUTE; i++) expect((await as(population, 'POPULATION_ADMINISTRATION', PERSON, { id: here.applicantIdNumber })).errors).toBeUndefined();
  });
});

describe("accessLog is the auditor's jurisdiction's", () => {
  const LOG = 'query($id: String!) { accessLog(idNumber: $id, first: 5) { department outcome } }';

  it("shows a street's auditor the log of a subject of that street, and logs the read under the subject", async () => {
    const requestId = randomUUID();
    const response = await as({ dept: 'AUDIT', role: 'AUDITOR', jurisdiction: street(here.gridCode), sub: 'scope-auditor' }, 'ACCESS_AUDIT', LOG, { id: here.applicantIdNumber }, requestId);
    expect(response.errors).toBeUndefined();
    expect(response.data.accessLog.length).toBeGreaterThan(0);
    expect(await auditRows('population', requestId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject_person_id: here.applicantPersonId, outcome: 'CLEAR', field_classes: expect.arrayContaining(['audit.log']) })]),
    );
  });

  it('refuses the log of a subject of another street as OUT_OF_JURISDICTION, the same as of an ID number nobody has, and logs the attempt', async () => {
    const auditor: TestUser = { dept: 'AUDIT', role: 'AUDITOR', jurisdiction: street(here.gridCode), sub: 'scope-auditor-2' };
    const requestId = randomUUID();
    const outside = await as(auditor, 'ACCESS_AUDIT', LOG, { id: elsewhere.applicantIdNumber }, requestId);
    expect(outside.data).toBeNull();
    expect(outside.errors?.map((e) => e.extensions?.code)).toEqual(['OUT_OF_JURISDICTION']);
    const missing = await as(auditor, 'ACCESS_AUDIT', LOG, { id: makeIdNumber('120112', '1961-07-13', 995) });
    expect(missing.errors?.map((e) => e.message)).toEqual(outside.errors?.map((e) => e.message));
    expect(await auditRows('population', requestId)).toEqual(expect.arrayContaining([expect.objectContaining({ subject_person_id: elsewhere.applicantPersonId, outcome: 'OUT_OF_JURISDICTION' })]));
  });
});
