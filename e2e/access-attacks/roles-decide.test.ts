/**
 * Roles mean something (issue #15 parts 5 and 6): the token's role, carried until now but never deciding anything,
 * is held to what the policy table names beside the purpose. Who opens 低保 cases, lists applications and records
 * their steps (a department's officers and supervisors), who approves (the supervisor alone), who lists the floating
 * population (the police's officers, not a 协管员 grid worker), who raises and answers corrections. Each refusal is
 * FORBIDDEN naming the roles, and leaves an access-log row of the refusal.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Department, Role } from '@hub/access';
import { accessLogSql } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { postGraphQL, startHub, testSeedManifest, userToken, type RunningHub } from '@hub/testkit';

let hub: RunningHub;
const run = randomUUID().slice(0, 8);
const PURPOSE_OF: Partial<Record<Department, string>> = { CIVIL_AFFAIRS: 'SUBSISTENCE_REVIEW', PUBLIC_SECURITY: 'FLOATING_POPULATION_MANAGEMENT', GRID: 'GRID_SERVICE' };

beforeAll(async () => {
  hub = await startHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

async function as(dept: Department, role: Role, query: string, variables: Record<string, unknown> = {}, caseId?: string) {
  const sub = `roles-${dept.toLowerCase()}-${role.toLowerCase()}-${run}`;
  const token = await userToken({ dept, role, sub, jurisdiction: '120112' });
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-purpose': PURPOSE_OF[dept]! };
  if (caseId) headers['x-case-id'] = caseId;
  return { sub, response: await postGraphQL(hub.gatewayUrl, query, variables, headers) };
}

async function loggedOutcomes(subgraph: string, sub: string): Promise<Array<{ field_classes: string[]; outcome: string }>> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(subgraph)) });
  await client.connect();
  try {
    return (await client.query(accessLogSql.select('field_classes, outcome', 'user_sub = $1'), [sub])).rows;
  } finally {
    await client.end();
  }
}

const refusedForRole = (roles: string) => ({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }), message: expect.stringContaining(`is for ${roles}`) });

describe('civil affairs: casework is for officers and supervisors, 审批 for the supervisor', () => {
  const application = () => testSeedManifest().planted.eligibleApplications.find((a) => a.authorizationOnFile)!;

  it("refuses a bureau auditor opening a case (受理), and logs the refusal under the auditor's name", async () => {
    const { sub, response } = await as('CIVIL_AFFAIRS', 'AUDITOR', 'mutation($n: String!) { openAssistanceApplication(idNumber: $n, authorizationOnFile: true) { id } }', {
      n: application().applicantIdNumber,
    });
    expect(response.errors).toEqual([expect.objectContaining(refusedForRole('OFFICER or SUPERVISOR'))]);
    expect(await loggedOutcomes('civil-affairs', sub)).toEqual([{ field_classes: ['civil.application'], outcome: 'DENIED' }]);
  });

  it('refuses a bureau auditor the list of applications, and gives it to an officer', async () => {
    const LIST = '{ assistanceApplications(first: 5) { totalCount } }';
    const auditor = await as('CIVIL_AFFAIRS', 'AUDITOR', LIST);
    expect(auditor.response.errors).toEqual([expect.objectContaining(refusedForRole('OFFICER or SUPERVISOR'))]);
    const officer = await as('CIVIL_AFFAIRS', 'OFFICER', LIST);
    expect(officer.response.errors).toBeUndefined();
    expect(officer.response.data.assistanceApplications.totalCount).toBeGreaterThan(0);
  });

  it('refuses an officer approving (审批), before anything is read or written, and logs it', async () => {
    const { applicationId } = application();
    const STEP = 'mutation($id: ID!) { recordApplicationStep(applicationId: $id, step: "APPROVED") { id status } }';
    const { sub, response } = await as('CIVIL_AFFAIRS', 'OFFICER', STEP, { id: applicationId }, applicationId);
    expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }), message: expect.stringContaining('审批 (APPROVED) is for SUPERVISOR') })]);
    expect(await loggedOutcomes('civil-affairs', sub)).toEqual(
      expect.arrayContaining([
        { field_classes: ['civil.application.approve'], outcome: 'DENIED' },
        { field_classes: ['civil.application'], outcome: 'CLEAR' },
      ]),
    );
    // The supervisor gets past the role to the workflow's own rule (the planted application is not in its 公示).
    const supervisor = await as('CIVIL_AFFAIRS', 'SUPERVISOR', STEP, { id: applicationId }, applicationId);
    expect(supervisor.response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('public security: the floating-population list is for its officers', () => {
  const LIST = '{ floatingPopulation(first: 3) { totalCount nodes { id } } }';

  it('refuses a 协管员 (GRID_WORKER) the list, logged; an officer gets it', async () => {
    const { sub, response } = await as('PUBLIC_SECURITY', 'GRID_WORKER', LIST);
    expect(response.errors).toEqual([expect.objectContaining(refusedForRole('OFFICER or SUPERVISOR'))]);
    expect(await loggedOutcomes('public-security', sub)).toEqual([expect.objectContaining({ outcome: 'DENIED' })]);
    const officer = await as('PUBLIC_SECURITY', 'OFFICER', LIST);
    expect(officer.response.errors).toBeUndefined();
    expect(officer.response.data.floatingPopulation.nodes.length).toBeGreaterThan(0);
  });
});

describe('the grid center: a correction is raised by its officers, not by a grid worker', () => {
  const RAISE = 'mutation { raiseCorrection(input: { discrepancyId: "nonsense", targetDepartment: "HOUSING", proposedCorrection: "x" }) { id } }';

  it('refuses a grid worker before the input is even read; an officer meets the input check', async () => {
    const worker = await as('GRID', 'GRID_WORKER', RAISE);
    expect(worker.response.errors).toEqual([expect.objectContaining(refusedForRole('OFFICER or SUPERVISOR'))]);
    const officer = await as('GRID', 'OFFICER', RAISE);
    expect(officer.response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
