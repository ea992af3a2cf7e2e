/**
 * The attacks and edge cases of the access policy that the generated conformance suite does not reach: a 低保
 * case opens exactly its own household, and closing it ends the access; every look is in the audit log with
 * its purpose, case and outcome, and the gateway logs the request; `npm run audit:verify` passes on the
 * hub's logs and fails once one row has been altered in the database.
 * (Forged, expired and wrong-algorithm tokens, and direct subgraph calls, are in gateway/test/gateway-auth.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { accessLogMigrations, accessLogSql, appendAccessEvents } from '@hub/audit';
import { databaseNameFor, databaseUrl, dropDatabase, openDepartmentOrm } from '@hub/db';
import { SUBGRAPHS } from '@hub/topology';
import { postGraphQL, signedAuthorization, startHub, testSeedManifest, userToken, type RunningHub } from '@hub/testkit';

const PERSON = 'query($id: String!) { person(idNumber: $id) { name phone household { members { relationToHead } } } }';
const REPOSITORY_ROOT = join(__dirname, '..', '..');

let hub: RunningHub;
let civilToken: string;
const manifest = testSeedManifest();
const [caseA, caseB] = manifest.planted.eligibleApplications;
const openedApplications: string[] = [];

async function sql<T = Record<string, unknown>>(department: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(department)) });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

function asCaseWorker(caseId: string | undefined, query: string, variables: Record<string, unknown>, requestId = randomUUID()) {
  return postGraphQL(hub.gatewayUrl, query, variables, {
    authorization: `Bearer ${civilToken}`,
    'x-purpose': 'SUBSISTENCE_REVIEW',
    'x-request-id': requestId,
    ...(caseId ? { 'x-case-id': caseId } : {}),
  });
}

beforeAll(async () => {
  expect(caseA.householdId).not.toBe(caseB.householdId);
  hub = await startHub();
  civilToken = await userToken({ dept: 'CIVIL_AFFAIRS', jurisdiction: '120112', sub: 'case-worker-7' });
});

afterAll(async () => {
  if (openedApplications.length > 0) await sql('civil-affairs', 'delete from assistance_application where id = any($1)', [openedApplications]);
  await hub?.stop();
});

describe('a 低保 case opens exactly its household', () => {
  it('shows the applicant of the case in full', async () => {
    const response = await asCaseWorker(caseA.applicationId, PERSON, { id: caseA.applicantIdNumber });
    expect(response.errors).toBeUndefined();
    expect(response.data.person.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(response.data.person.household.members.length).toBeGreaterThan(0);
  });

  it('refuses the applicant of another household under the same case: OUT_OF_JURISDICTION', async () => {
    const response = await asCaseWorker(caseA.applicationId, PERSON, { id: caseB.applicantIdNumber });
    expect(response.data).toEqual({ person: null });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['OUT_OF_JURISDICTION']);
  });

  it.each([
    ['a decided (closed) application', () => manifest.planted.closedApplications[0].applicationId, /not in progress/, 'CASE_CLOSED'],
    ['an application that does not exist', () => 'A99999999', /no assistance application/, 'NO_SUCH_CASE'],
    ['something that is not an application id', () => 'XJ-2026-1', /not an assistance application id/, 'NO_SUCH_CASE'],
  ])('refuses %s as a case: CASE_NOT_OPEN, with the reason as a code', async (_what, caseId, message, reason) => {
    const response = await asCaseWorker(caseId(), PERSON, { id: caseA.applicantIdNumber });
    expect(response.status).toBe(403);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions).toEqual({ code: 'CASE_NOT_OPEN', reason });
    expect(response.errors?.[0].message).toMatch(message);
  });

  it('ends the access when the application is closed, and never opens it without the written authorization', async () => {
    const OPEN =
      'mutation($id: String!, $auth: Boolean!, $household: ID, $authorization: AuthorizationEvidenceInput) { openAssistanceApplication(idNumber: $id, authorizationOnFile: $auth, householdId: $household, authorization: $authorization) { id status } }';
    const opened = await asCaseWorker(undefined, OPEN, { id: caseB.applicantIdNumber, auth: true, household: caseB.householdId, authorization: signedAuthorization('tampering') });
    expect(opened.errors).toBeUndefined();
    const caseId: string = opened.data.openAssistanceApplication.id;
    openedApplications.push(caseId);
    expect((await asCaseWorker(caseId, PERSON, { id: caseB.applicantIdNumber })).data.person.name).toEqual(expect.any(String));

    await sql('civil-affairs', "update assistance_application set status = 'WITHDRAWN' where id = $1", [caseId]);
    const afterClosing = await asCaseWorker(caseId, PERSON, { id: caseB.applicantIdNumber });
    expect(afterClosing.errors?.[0].extensions).toEqual({ code: 'CASE_NOT_OPEN', reason: 'CASE_CLOSED' });

    const unauthorized = await asCaseWorker(undefined, OPEN, { id: caseB.applicantIdNumber, auth: false, household: caseB.householdId });
    openedApplications.push(unauthorized.data.openAssistanceApplication.id);
    const withoutAuthorization = await asCaseWorker(unauthorized.data.openAssistanceApplication.id, PERSON, { id: caseB.applicantIdNumber });
    expect(withoutAuthorization.errors?.[0].message).toMatch(/authorization/);
    expect(withoutAuthorization.errors?.[0].extensions).toEqual({ code: 'CASE_NOT_OPEN', reason: 'NO_AUTHORIZATION' });
  });
});

describe('every look is accountable', () => {
  it('records who looked at whom, for which purpose and case, with the outcome — denials included', async () => {
    const requestId = randomUUID();
    await asCaseWorker(caseA.applicationId, PERSON, { id: caseA.applicantIdNumber }, requestId);
    const deniedRequestId = randomUUID();
    await asCaseWorker(caseA.applicationId, PERSON, { id: caseB.applicantIdNumber }, deniedRequestId);
    const rows = await sql<{ request_id: string; user_sub: string; department: string; purpose: string; case_id: string; subject_person_id: string; outcome: string; field_classes: string[] }>(
      'population',
      accessLogSql.select('request_id, user_sub, department, purpose, case_id, subject_person_id, outcome, field_classes', 'request_id = any($1)', 'order by id'),
      [[requestId, deniedRequestId]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          request_id: requestId,
          user_sub: 'case-worker-7',
          department: 'CIVIL_AFFAIRS',
          purpose: 'SUBSISTENCE_REVIEW',
          case_id: caseA.applicationId,
          subject_person_id: caseA.applicantPersonId,
          outcome: 'CLEAR',
          field_classes: expect.arrayContaining(['person.name', 'person.phone']),
        }),
        expect.objectContaining({ request_id: deniedRequestId, subject_person_id: caseB.applicantPersonId, outcome: 'OUT_OF_JURISDICTION' }),
      ]),
    );
  });

  it('logs each request at the gateway with the caller, purpose and case', async () => {
    const requestId = randomUUID();
    await asCaseWorker(caseA.applicationId, PERSON, { id: caseA.applicantIdNumber }, requestId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = (hub.output.get('gateway') ?? []).find((l) => l.includes(requestId));
    expect(JSON.parse(line!)).toEqual(
      expect.objectContaining({ msg: 'request', requestId, user: 'case-worker-7', dept: 'CIVIL_AFFAIRS', purpose: 'SUBSISTENCE_REVIEW', caseId: caseA.applicationId, status: 200 }),
    );
  });
});

describe('npm run audit:verify', () => {
  const verify = (prefix: string) =>
    spawnSync(process.execPath, [join(REPOSITORY_ROOT, 'packages', 'audit', 'dist', 'verify-cli.js')], { env: { ...process.env, DB_PREFIX: prefix }, encoding: 'utf8', timeout: 60_000 });

  it("passes on the hub's own logs", () => {
    const result = verify(process.env.DB_PREFIX!);
    expect(result.stdout.match(/^ok /gm)).toHaveLength(SUBGRAPHS.length);
    expect(result.status).toBe(0);
  });

  it('fails, naming the row, after one audit row is altered in the database', async () => {
    const prefix = `${process.env.DB_PREFIX}_tamper`;
    const databases = SUBGRAPHS.map(({ name }) => databaseNameFor(name, prefix));
    try {
      for (const databaseName of databases) {
        const orm = await openDepartmentOrm({ serverUrl: process.env.DATABASE_URL!, databaseName, entities: [], migrations: accessLogMigrations });
        const event = { requestId: randomUUID(), userSub: 'u1', department: 'GRID', role: 'OFFICER', purpose: 'GRID_SERVICE', fieldClasses: ['person.name'], outcome: 'CLEAR' };
        await appendAccessEvents(orm.em.getConnection(), [event, { ...event, subject: 'P1', outcome: 'MASKED' }, { ...event, outcome: 'DENIED' }]);
        await orm.close();
      }
      expect(verify(prefix).status).toBe(0);

      // Someone with database rights turns the append-only trigger off and rewrites one outcome.
      const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databases[2]) });
      await client.connect();
      await expect(client.query(accessLogSql.update("outcome = 'CLEAR'", 'id = 3'))).rejects.toThrow(/append-only/);
      await client.query(accessLogSql.liftAppendOnly);
      await client.query(accessLogSql.update("outcome = 'CLEAR'", 'id = 3'));
      await client.end();

      const result = verify(prefix);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`BROKEN\\s+${SUBGRAPHS[2].name}\\s+at event 3: content does not match its hash`));
    } finally {
      for (const databaseName of databases) await dropDatabase(process.env.DATABASE_URL!, databaseName);
    }
  });
});
