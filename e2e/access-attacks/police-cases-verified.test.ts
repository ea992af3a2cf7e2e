/**
 * Issue #15, parts 4 and 6: police case numbers are checked. CASE_INVESTIGATION used to accept any well-formed
 * X-Case-Id; now public security keeps a case register (number, opened by, jurisdiction, opened/closed dates,
 * subjects), the gateway asks it for every request's case as it asks civil affairs for a 低保 case, and closing the
 * case ends the access. Each refusal has its code and leaves a row in public security's access log.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { accessLogSql } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { makeIdNumber } from '@hub/domain';
import { postGraphQL, startHub, testSeedManifest, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';

const planted = testSeedManifest().planted;
const run = randomUUID().slice(0, 8);
const DISTRICT = '120112';
const openCase = planted.investigationCases.find((c) => c.open && c.jurisdiction === DISTRICT)!;
const closedCase = planted.investigationCases.find((c) => !c.open)!;
const streetCase = planted.investigationCases.find((c) => c.open && c.jurisdiction.length === 9)!;
const otherStreet = streetCase.jurisdiction === '120112100' ? '120112101' : '120112100';
/** A resident the officers look up: a subject of the district-wide open case. */
const resident = planted.investigationCaseSubjects.find((s) => s.caseNumber === openCase.caseNumber && s.gridCode)!;

const PERSON = 'query($id: String!) { person(idNumber: $id) { id name } }';
const OPEN = 'mutation($input: OpenInvestigationCaseInput!) { openInvestigationCase(input: $input) { caseNumber jurisdiction open openedOn openedBy subjects { id } } }';
const CLOSE = 'mutation($n: ID!, $why: String!) { closeInvestigationCase(caseNumber: $n, reason: $why) { caseNumber open closedOn closedBy } }';
const REGISTER = 'query($open: Boolean) { investigationCases(open: $open, first: 100) { totalCount nodes { caseNumber open jurisdiction subjects { id name } } } }';

let hub: RunningHub;

const officer = (jurisdiction: string, sub: string, role: TestUser['role'] = 'OFFICER'): TestUser => ({ dept: 'PUBLIC_SECURITY', jurisdiction, sub: `${sub}-${run}`, role, name: '刑侦民警' });

async function as(user: TestUser, query: string, variables: Record<string, unknown>, caseId?: string, requestId = randomUUID(), purpose = 'CASE_INVESTIGATION'): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose, 'x-request-id': requestId };
  if (caseId !== undefined) headers['x-case-id'] = caseId;
  return postGraphQL(hub.gatewayUrl, query, variables, headers);
}

async function publicSecurityLog(
  where: string,
  values: unknown[],
): Promise<Array<{ user_sub: string; case_id: string | null; subject_person_id: string | null; field_classes: string[]; outcome: string }>> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('public-security')) });
  await client.connect();
  try {
    return (await client.query(accessLogSql.select('user_sub, case_id, subject_person_id, field_classes, outcome', where, 'order by id'), values)).rows;
  } finally {
    await client.end();
  }
}

const refusalOf = (requestId: string) => publicSecurityLog('request_id = $1', [requestId]);

beforeAll(async () => {
  expect([openCase, closedCase, streetCase, resident].every(Boolean)).toBe(true);
  hub = await startHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('using a case: only an open case of the register, within the officer’s jurisdiction', () => {
  it('lets an officer work under an open case of the register', async () => {
    const response = await as(officer(DISTRICT, 'district'), PERSON, { id: resident.idNumber }, openCase.caseNumber);
    expect(response.errors).toBeUndefined();
    expect(response.data.person).toEqual({ id: resident.personId, name: expect.any(String) });
  });

  it.each([
    ['a made-up case number', () => `XJ-2026-${run}`, /no case .* in public security's case register/, 'NO_SUCH_CASE'],
    ['a closed case', () => closedCase.caseNumber, /was closed on \d{4}-\d{2}-\d{2}/, 'CASE_CLOSED'],
  ])('refuses %s: CASE_NOT_OPEN, no data, and a row of the refusal in the access log', async (_what, caseId, message, reason) => {
    const requestId = randomUUID();
    const user = officer(DISTRICT, 'guesser');
    const response = await as(user, PERSON, { id: resident.idNumber }, caseId(), requestId);
    expect(response.errors).toEqual([expect.objectContaining({ extensions: { code: 'CASE_NOT_OPEN', reason }, message: expect.stringMatching(message) })]);
    expect(response.data ?? null).toBeNull();
    expect(await refusalOf(requestId)).toEqual([{ user_sub: user.sub, case_id: caseId(), subject_person_id: null, field_classes: ['ps.investigationCase'], outcome: 'CASE_NOT_OPEN' }]);
  });

  it("refuses another street's case to that street's neighbour, and opens it to its own street and to the district", async () => {
    const requestId = randomUUID();
    const neighbour = await as(officer(otherStreet, 'neighbour'), PERSON, { id: resident.idNumber }, streetCase.caseNumber, requestId);
    expect(neighbour.errors?.[0]).toMatchObject({ extensions: { code: 'CASE_NOT_OPEN', reason: 'CASE_OUTSIDE_JURISDICTION' }, message: expect.stringContaining('outside your jurisdiction') });
    expect(await refusalOf(requestId)).toEqual([expect.objectContaining({ outcome: 'CASE_NOT_OPEN', case_id: streetCase.caseNumber })]);
    const own = await as(officer(streetCase.jurisdiction, 'own-street'), '{ investigationCase(caseNumber: "' + streetCase.caseNumber + '") { open } }', {}, streetCase.caseNumber);
    expect(own.errors).toBeUndefined();
    expect(own.data.investigationCase).toEqual({ open: true });
    const district = await as(officer(DISTRICT, 'district'), '{ investigationCase(caseNumber: "' + streetCase.caseNumber + '") { open } }', {}, streetCase.caseNumber);
    expect(district.errors).toBeUndefined();
  });

  it('still needs a case for anything but the register (CASE_REQUIRED)', async () => {
    const response = await as(officer(DISTRICT, 'no-case'), PERSON, { id: resident.idNumber });
    expect(response.errors?.[0].extensions?.code).toBe('CASE_REQUIRED');
  });
});

describe('the case register: opened, listed and closed by the police, and the access ends with the case', () => {
  const caseNumber = `JN-2026-T${run}`;
  const opener = officer(DISTRICT, 'opener');

  it('registers a case with its subjects, lists it with them, opens it to requests, and ends the access when it is closed', async () => {
    const opened = await as(opener, OPEN, { input: { caseNumber, summary: '  入室盗窃案（测试）  ', subjectIdNumbers: [resident.idNumber, resident.idNumber] } });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openInvestigationCase).toEqual({
      caseNumber,
      jurisdiction: DISTRICT,
      open: true,
      openedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      openedBy: opener.sub,
      subjects: [{ id: resident.personId }],
    });
    // The opening is a write audited under the person it names (and the answer's read of the case, beside it).
    const openingLog = await publicSecurityLog('user_sub = $1', [opener.sub]);
    expect(openingLog).toContainEqual(expect.objectContaining({ subject_person_id: resident.personId, field_classes: ['ps.investigationCase'], outcome: 'CLEAR' }));
    expect(openingLog.every((row) => row.outcome === 'CLEAR' && row.case_id === null)).toBe(true);

    const register = await as(opener, REGISTER, { open: true });
    expect(register.errors).toBeUndefined();
    const listed = register.data.investigationCases.nodes.find((c: { caseNumber: string }) => c.caseNumber === caseNumber);
    expect(listed).toEqual({ caseNumber, open: true, jurisdiction: DISTRICT, subjects: [{ id: resident.personId, name: expect.any(String) }] });
    expect(register.data.investigationCases.nodes.map((c: { caseNumber: string }) => c.caseNumber)).not.toContain(closedCase.caseNumber);

    expect((await as(opener, PERSON, { id: resident.idNumber }, caseNumber)).data.person.id).toBe(resident.personId);

    // Another officer may use the case but not close it; the officer who opened it closes it.
    const colleague = officer(DISTRICT, 'colleague');
    const refused = await as(colleague, CLOSE, { n: caseNumber, why: '结案' });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('or a SUPERVISOR') });
    const closed = await as(opener, CLOSE, { n: caseNumber, why: '犯罪嫌疑人已到案，移送起诉' });
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeInvestigationCase).toEqual({ caseNumber, open: false, closedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), closedBy: opener.sub });

    const after = await as(opener, PERSON, { id: resident.idNumber }, caseNumber);
    expect(after.errors?.[0]).toMatchObject({ extensions: { code: 'CASE_NOT_OPEN' }, message: expect.stringContaining('was closed on') });
    const again = await as(opener, CLOSE, { n: caseNumber, why: '再次结案' });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('was closed on') });
  });

  it('lets a supervisor close a case another officer opened', async () => {
    const number = `JN-2026-S${run}`;
    expect((await as(opener, OPEN, { input: { caseNumber: number, summary: '诈骗案（测试）', subjectIdNumbers: [resident.idNumber] } })).errors).toBeUndefined();
    const closed = await as(officer(DISTRICT, 'chief', 'SUPERVISOR'), CLOSE, { n: number, why: '撤案' });
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeInvestigationCase.open).toBe(false);
  });

  it.each([
    ['a number already registered', () => ({ caseNumber: openCase.caseNumber, summary: '重复', subjectIdNumbers: [resident.idNumber] }), 'BAD_USER_INPUT', /already registered/],
    ['a malformed number', () => ({ caseNumber: 'bad number!', summary: 'x', subjectIdNumbers: [resident.idNumber] }), 'BAD_USER_INPUT', /not a case number/],
    [
      'a wrong check digit',
      () => ({ caseNumber: `JN-2026-B${run}`, summary: 'x', subjectIdNumbers: [resident.idNumber.slice(0, 17) + (resident.idNumber[17] === '0' ? '1' : '0')] }),
      'BAD_USER_INPUT',
      /subjectIdNumbers\[0\].*check/i,
    ],
    ['no subjects', () => ({ caseNumber: `JN-2026-N${run}`, summary: 'x', subjectIdNumbers: [] }), 'BAD_USER_INPUT', /1 to 50 people/],
    [
      'a date to come',
      () => ({ caseNumber: `JN-2026-D${run}`, summary: 'x', subjectIdNumbers: [makeIdNumber('120112', '1990-01-01', 7)], openedOn: '2099-01-01' }),
      'BAD_USER_INPUT',
      /must not be in the future/,
    ],
  ])('refuses to open a case with %s', async (_what, input, code, message) => {
    const response = await as(opener, OPEN, { input: input() });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code }, message: expect.stringMatching(message) });
  });

  it('refuses a street officer opening a case for another street, and logs the refusal', async () => {
    const requestId = randomUUID();
    const user = officer(otherStreet, 'street-opener');
    const response = await as(
      user,
      OPEN,
      { input: { caseNumber: `JN-2026-O${run}`, summary: '越权立案', jurisdiction: streetCase.jurisdiction, subjectIdNumbers: [resident.idNumber] } },
      undefined,
      requestId,
    );
    expect(response.errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    expect(await refusalOf(requestId)).toContainEqual(expect.objectContaining({ user_sub: user.sub, outcome: 'OUT_OF_JURISDICTION', field_classes: ['ps.investigationCase'] }));
    // Nor does the street officer see the district's cases.
    const register = await as(user, REGISTER, { open: null });
    expect(register.data.investigationCases.nodes.every((c: { jurisdiction: string }) => c.jurisdiction.startsWith(otherStreet))).toBe(true);
  });

  it.each([['GRID_WORKER' as const], ['AUDITOR' as const]])('refuses a %s of public security the register (roles decide), and logs it', async (role) => {
    const requestId = randomUUID();
    const user = officer(DISTRICT, `role-${role}`, role);
    const response = await as(user, OPEN, { input: { caseNumber: `JN-2026-R${run}`, summary: 'x', subjectIdNumbers: [resident.idNumber] } }, undefined, requestId);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('is for OFFICER or SUPERVISOR') });
    expect(await refusalOf(requestId)).toEqual([expect.objectContaining({ outcome: 'DENIED', field_classes: ['ps.investigationCase'] })]);
  });

  it('shows the register to case investigation only: floating-population work gets FORBIDDEN', async () => {
    const response = await as(opener, REGISTER, { open: true }, undefined, randomUUID(), 'FLOATING_POPULATION_MANAGEMENT');
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('not available for purpose FLOATING_POPULATION_MANAGEMENT') });
  });
});
