/**
 * Issue #14: the departments keep their own records current, each through its own subgraph. The jobs as they happen:
 * population registers a move and a death; civil affairs, reviewing the household under its 低保 case, ends the
 * deceased member's benefit; public security endorses a lapsed 居住证 and later cancels the registration; a grid worker
 * reports a dwelling let on a visit, and housing takes the tenancy over and accepts the report. Every write
 * is checked against the version the officer saw (CONFLICT), is idempotent under the client's retry (one write, one
 * history row), keeps its before and after in `record_change`, and is in the access log under the person.
 *
 * These writes change records that other files count and list exhaustively (the elderly living alone, the
 * discrepancies), so this file works on a seeded district of its own.
 */
import { randomUUID } from 'node:crypto';
import { accessLogSql, expireWriteRequests, writeRetryHorizonDays } from '@hub/audit';
import { makeIdNumber, todayInChina } from '@hub/domain';
import { postGraphQL, seedOwnDistrict, signedAuthorization, startHub, userToken, type GraphQLResponse, type OwnDistrict, type RunningHub, type TestUser } from '@hub/testkit';

let district: OwnDistrict;
let hub: RunningHub;
const today = todayInChina();

const POPULATION_OFFICER: TestUser = { dept: 'POPULATION', jurisdiction: '120112', sub: `pop-officer-${randomUUID().slice(0, 8)}`, name: '户籍民警' };
const POLICE_OFFICER: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: '120112', sub: `ps-officer-${randomUUID().slice(0, 8)}`, name: '社区民警' };
const HOUSING_OFFICER_FOR_SALES: TestUser = { dept: 'HOUSING', jurisdiction: '120112', sub: `housing-registrar-${randomUUID().slice(0, 8)}`, name: '产权登记员' };
const CASEWORKER: TestUser = { dept: 'CIVIL_AFFAIRS', jurisdiction: '120112', sub: `caseworker-${randomUUID().slice(0, 8)}`, name: '民政专干' };

async function as(user: TestUser, purpose: string, query: string, variables: Record<string, unknown>, caseId?: string): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose };
  if (caseId) headers['x-case-id'] = caseId;
  return postGraphQL(hub.gatewayUrl, query, variables, headers);
}

const sql = <T>(subgraph: string, text: string, values: unknown[] = []): Promise<T[]> => district.query<T>(subgraph, text, values);

const changesOf = (subgraph: string, recordId: string) =>
  sql<{ operation: string; before: Record<string, unknown>; after: Record<string, unknown>; changed_by: string; client_request_id: string }>(
    subgraph,
    'select operation, before, after, changed_by, client_request_id from record_change where record_id = $1 order by id',
    [recordId],
  );

/** The access-log rows of a user's writes of one class about a person (the mutation's own subjectless note aside). */
const writesLogged = (subgraph: string, user: TestUser, fieldClass: string) =>
  sql<{ subject_person_id: string; outcome: string }>(
    subgraph,
    accessLogSql.select('subject_person_id, outcome', 'user_sub = $1 and field_classes = array[$2]::text[] and subject_person_id is not null', 'order by id'),
    [user.sub, fieldClass],
  );

beforeAll(async () => {
  district = await seedOwnDistrict('writes');
  hub = await startHub({ env: { DB_PREFIX: district.prefix } });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  await district?.drop();
});

const PERSON = 'query($id: String!) { person(idNumber: $id) { id version deathDate residenceSince residence { id } } }';
const MOVE = 'mutation($input: RecordMoveInput!) { recordMove(input: $input) { id version residenceSince residence { id } } }';
const DEATH = 'mutation($input: RecordDeathInput!) { recordDeath(input: $input) { id version deathDate } }';

describe('population: a move', () => {
  let resident: { id: string; id_number: string; residence_grid_code: string; residence_dwelling_id: string };
  let otherDwelling: string;

  beforeAll(async () => {
    [resident] = await sql(
      'population',
      `select id, id_number, residence_grid_code, residence_dwelling_id from person
        where death_date is null and population_type = 'REGISTERED' and residence_dwelling_id is not null and residence_since < $1 order by id limit 1`,
      [today],
    );
    [{ dwelling: otherDwelling }] = await sql<{ dwelling: string }>(
      'population',
      'select residence_dwelling_id as dwelling from person where residence_grid_code = $1 and residence_dwelling_id <> $2 order by 1 limit 1',
      [resident.residence_grid_code, resident.residence_dwelling_id],
    );
  });

  it('moves the resident to another dwelling at the version seen, keeps the before and after, and logs the write under the person', async () => {
    const seen = (await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', PERSON, { id: resident.id_number })).data.person;
    expect(seen).toMatchObject({ id: resident.id, version: 1, residence: { id: resident.residence_dwelling_id } });
    const clientRequestId = randomUUID();
    const input = { personId: resident.id, expectedVersion: 1, dwellingId: otherDwelling, gridCode: resident.residence_grid_code, movedOn: today, clientRequestId };
    const moved = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.recordMove).toEqual({ id: resident.id, version: 2, residenceSince: today, residence: { id: otherDwelling } });

    expect(await changesOf('population', resident.id)).toEqual([
      {
        operation: 'recordMove',
        before: expect.objectContaining({ residenceDwellingId: resident.residence_dwelling_id, version: 1 }),
        after: expect.objectContaining({ residenceDwellingId: otherDwelling, residenceSince: today, version: 2 }),
        changed_by: POPULATION_OFFICER.sub,
        client_request_id: clientRequestId,
      },
    ]);
    expect(await writesLogged('population', POPULATION_OFFICER, 'person.registration')).toEqual([{ subject_person_id: resident.id, outcome: 'CLEAR' }]);

    // The client lost the answer and sends the same write again: the first write's answer, nothing written twice.
    const retried = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.recordMove).toEqual(moved.data.recordMove);
    expect(await changesOf('population', resident.id)).toHaveLength(1);
    expect(await writesLogged('population', POPULATION_OFFICER, 'person.registration')).toHaveLength(1);

    // The same id for another write is a client's mistake, said so; the version seen before the move is stale now.
    const reused = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: { ...input, dwellingId: resident.residence_dwelling_id } });
    expect(reused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('already used for another write') });
    const stale = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: { ...input, dwellingId: resident.residence_dwelling_id, clientRequestId: randomUUID() } });
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('at version 2, you saw 1') });
  });

  it('lets exactly one of two officers who saw the same version move the resident; a retry racing its first send writes once', async () => {
    const back = (clientRequestId: string) => ({
      personId: resident.id,
      expectedVersion: 2,
      dwellingId: resident.residence_dwelling_id,
      gridCode: resident.residence_grid_code,
      movedOn: today,
      clientRequestId,
    });
    const [first, second] = await Promise.all([
      as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: back(randomUUID()) }),
      as({ ...POPULATION_OFFICER, sub: `${POPULATION_OFFICER.sub}-b` }, 'POPULATION_ADMINISTRATION', MOVE, { input: back(randomUUID()) }),
    ]);
    const outcomes = [first, second].map((r) => (r.errors ? r.errors[0].extensions?.code : 'MOVED')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'MOVED']);
    expect(await changesOf('population', resident.id)).toHaveLength(2);

    const input = { ...back(randomUUID()), expectedVersion: 3, dwellingId: otherDwelling };
    const sends = await Promise.all([1, 2, 3].map(() => as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input })));
    for (const send of sends) expect(send.data?.recordMove).toMatchObject({ version: 4, residence: { id: otherDwelling } });
    expect(await changesOf('population', resident.id)).toHaveLength(3);
  });

  it('forgets a request id past the retry horizon; a send that late is a new write, and the version it saw refuses it', async () => {
    const lateRetry = { personId: resident.id, expectedVersion: 4, dwellingId: resident.residence_dwelling_id, gridCode: resident.residence_grid_code, movedOn: today, clientRequestId: randomUUID() };
    const moved = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: lateRetry });
    expect(moved.data?.recordMove).toMatchObject({ version: 5 });
    const claims = () => sql<{ client_request_id: string }>('population', 'select client_request_id from write_request where user_sub = $1', [POPULATION_OFFICER.sub]);
    const kept = (await claims()).length;
    await sql('population', "update write_request set at = now() - interval '8 days' where client_request_id = $1", [lateRetry.clientRequestId]);

    const run = (text: string) => sql('population', text).then((rows) => ({ rows }));
    expect(await expireWriteRequests(run, writeRetryHorizonDays({}))).toBe(1);
    expect(await claims()).toHaveLength(kept - 1);
    expect((await claims()).map((c) => c.client_request_id)).not.toContain(lateRetry.clientRequestId);

    const late = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: lateRetry });
    expect(late.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('at version 5, you saw 4') });
    expect(await changesOf('population', resident.id)).toHaveLength(4);
    expect(() => writeRetryHorizonDays({ WRITE_RETRY_HORIZON_DAYS: '0' })).toThrow(/whole number of days from 1 to 366/);
  });

  it('refuses a grid outside the jurisdiction, a date to come, a bad key, and a caller of another purpose or role', async () => {
    const input = { personId: resident.id, expectedVersion: 5, dwellingId: resident.residence_dwelling_id, gridCode: resident.residence_grid_code, movedOn: today, clientRequestId: randomUUID() };
    const streetOfficer = { ...POPULATION_OFFICER, jurisdiction: resident.residence_grid_code.slice(0, 9) === '120112100' ? '120112101' : '120112100' };
    expect((await as(streetOfficer, 'POPULATION_ADMINISTRATION', MOVE, { input })).errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    expect((await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: { ...input, movedOn: '2999-01-01' } })).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('must not be in the future'),
    });
    expect((await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: { ...input, personId: 'nobody' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: { ...input, clientRequestId: 'x' } })).errors?.[0].message).toContain('clientRequestId must be');
    expect((await as({ ...POPULATION_OFFICER, role: 'AUDITOR' }, 'POPULATION_ADMINISTRATION', MOVE, { input })).errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('is for OFFICER or SUPERVISOR'),
    });
    const gridWorker: TestUser = { dept: 'GRID', jurisdiction: '120112', role: 'GRID_WORKER' };
    expect((await as(gridWorker, 'GRID_SERVICE', MOVE, { input })).errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('not available for purpose GRID_SERVICE'),
    });
    expect(await changesOf('population', resident.id)).toHaveLength(4);
  });

  it('refuses a grid that is not the dwelling’s, as the residents living there have it: nothing changes', async () => {
    const [elsewhere] = await sql<{ dwelling: string; grid: string }>(
      'population',
      `select residence_dwelling_id as dwelling, residence_grid_code as grid from person
        where death_date is null and residence_grid_code like '120112%' and residence_grid_code <> $1 and residence_dwelling_id is not null order by id limit 1`,
      [resident.residence_grid_code],
    );
    const input = { personId: resident.id, expectedVersion: 5, dwellingId: elsewhere.dwelling, gridCode: resident.residence_grid_code, movedOn: today, clientRequestId: randomUUID() };
    const refused = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input });
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: `房屋 ${elsewhere.dwelling} 在网格 ${elsewhere.grid}，不在所选网格 ${resident.residence_grid_code} (dwelling ${elsewhere.dwelling} is in grid ${elsewhere.grid} by the register, not in ${resident.residence_grid_code})`,
    });
    expect(await changesOf('population', resident.id)).toHaveLength(4);
    // The dwelling's own grid is taken.
    const moved = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE, { input: { ...input, gridCode: elsewhere.grid, clientRequestId: randomUUID() } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.recordMove).toMatchObject({ version: 6, residence: { id: elsewhere.dwelling } });
  });
});

describe('population: a resident joins another household', () => {
  const JOIN = 'mutation($input: ChangeHouseholdInput!) { changeHousehold(input: $input) { id version household { id } residenceSince } }';

  it('moves the resident into the household and its dwelling, once under retry, at the version seen', async () => {
    const [resident] = await sql<{ id: string; household_id: string; version: number; residence_since: string | null }>(
      'population',
      `select id, household_id, version, to_char(residence_since, 'YYYY-MM-DD') as residence_since from person
        where death_date is null and household_id is not null and residence_grid_code is not null and relation_to_head <> '02' and residence_since < $1
        order by id desc offset 20 limit 1`,
      [today],
    );
    const [household] = await sql<{ id: string; dwelling_id: string }>('population', 'select id, dwelling_id from household where id <> $1 and grid_code is not null order by id limit 1', [
      resident.household_id,
    ]);
    const input = { personId: resident.id, expectedVersion: resident.version, householdId: household.id, relationToHead: '99', joinedOn: today, clientRequestId: randomUUID() };
    const [joined, retried] = await Promise.all([as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', JOIN, { input }), as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', JOIN, { input })]);
    expect(joined.errors).toBeUndefined();
    expect(joined.data.changeHousehold).toEqual({ id: resident.id, version: resident.version + 1, household: { id: household.id }, residenceSince: today });
    expect(retried.data.changeHousehold).toEqual(joined.data.changeHousehold);
    const [row] = await sql<{ household_id: string; residence_dwelling_id: string; lives_with_household: boolean }>(
      'population',
      'select household_id, residence_dwelling_id, lives_with_household from person where id = $1',
      [resident.id],
    );
    expect(row).toEqual({ household_id: household.id, residence_dwelling_id: household.dwelling_id, lives_with_household: true });
    expect(await changesOf('population', resident.id)).toEqual([
      expect.objectContaining({ operation: 'changeHousehold', before: expect.objectContaining({ householdId: resident.household_id }), after: expect.objectContaining({ householdId: household.id }) }),
    ]);
    const head = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', JOIN, { input: { ...input, expectedVersion: resident.version + 1, relationToHead: '02', clientRequestId: randomUUID() } });
    expect(head.errors?.[0].message).toContain('not its head');
  });
});

describe('population: a birth', () => {
  const BIRTH = 'mutation($input: RegisterBirthInput!) { registerBirth(input: $input) { id version birthDate gender residenceSince household { id } } }';

  it('registers a newborn into a household, living with it from the day of birth, once under retry', async () => {
    const [household] = await sql<{ id: string; grid_code: string; dwelling_id: string }>(
      'population',
      'select id, grid_code, dwelling_id from household where grid_code is not null order by id desc limit 1',
    );
    const born = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const idNumber = makeIdNumber('120112', born, 802); // even: a girl
    const input = { idNumber, name: '李小萌', ethnicity: '01', householdId: household.id, relationToHead: '30', clientRequestId: randomUUID() };
    const [first, retry] = await Promise.all([as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', BIRTH, { input }), as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', BIRTH, { input })]);
    expect(first.errors).toBeUndefined();
    expect(first.data.registerBirth).toMatchObject({ version: 1, birthDate: born, gender: '2', residenceSince: born, household: { id: household.id } });
    expect(retry.data.registerBirth).toEqual(first.data.registerBirth);
    const [row] = await sql<{ residence_grid_code: string; residence_dwelling_id: string }>('population', 'select residence_grid_code, residence_dwelling_id from person where id_number = $1', [
      idNumber,
    ]);
    expect(row).toEqual({ residence_grid_code: household.grid_code, residence_dwelling_id: household.dwelling_id });
    expect(await changesOf('population', first.data.registerBirth.id)).toEqual([expect.objectContaining({ operation: 'registerBirth', before: null })]);

    const again = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', BIRTH, { input: { ...input, clientRequestId: randomUUID() } });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('already registered') });
    const unborn = makeIdNumber('120112', `${Number(today.slice(0, 4)) + 1}-01-01`, 801);
    expect((await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', BIRTH, { input: { ...input, idNumber: unborn, clientRequestId: randomUUID() } })).errors?.[0].message).toContain(
      'must not be in the future',
    );
  });
});

describe('a death that ends a 低保 household member', () => {
  const CHECK = 'query($id: String!) { subsistenceCheck(idNumber: $id) { memberCount household { members { person { id deathDate } } } } }';
  const ASSISTANCE = 'query($id: String!) { person(idNumber: $id) { assistance { id kind status endOn version } } }';
  const END = 'mutation($input: EndAssistanceInput!) { endAssistance(input: $input) { id status endOn version } }';

  it('registers the death in population; the household review no longer counts the member; civil affairs ends the benefit under the case', async () => {
    // A 低保 household of the district with two members receiving 低保: one applies for the 复核 (the case), the other dies.
    const [pair] = await sql<{ household_id: string; applicant: string; member: string; record_id: string }>(
      'civil-affairs',
      `select a.household_id, a.person_id as applicant, b.person_id as member, b.id::text as record_id
         from assistance_record a join assistance_record b on b.household_id = a.household_id and b.person_id > a.person_id
        where a.kind = 'DIBAO' and a.status = 'ACTIVE' and b.kind = 'DIBAO' and b.status = 'ACTIVE' and b.end_on is null
        order by a.household_id limit 1`,
    );
    const people = await sql<{ id: string; id_number: string }>('population', 'select id, id_number from person where id = any($1) and death_date is null and lives_with_household', [
      [pair.applicant, pair.member],
    ]);
    const idNumberOf = (id: string) => people.find((p) => p.id === id)!.id_number;
    const household = { householdId: pair.household_id, idNumber: idNumberOf(pair.applicant) };
    const member = { person_id: pair.member, record_id: pair.record_id };
    const memberIdNumber = idNumberOf(pair.member);

    const opened = await as(
      CASEWORKER,
      'SUBSISTENCE_REVIEW',
      'mutation($n: String!, $a: AuthorizationEvidenceInput) { openAssistanceApplication(idNumber: $n, authorizationOnFile: true, authorization: $a) { id } }',
      {
        n: household.idNumber,
        a: signedAuthorization('writes-review'),
      },
    );
    expect(opened.errors).toBeUndefined();
    const caseId: string = opened.data.openAssistanceApplication.id;
    const before = (await as(CASEWORKER, 'SUBSISTENCE_REVIEW', CHECK, { id: household.idNumber }, caseId)).data.subsistenceCheck;

    const seen = (await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', PERSON, { id: memberIdNumber })).data.person;
    const died = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', DEATH, {
      input: { personId: member.person_id, expectedVersion: seen.version, deathDate: today, clientRequestId: randomUUID() },
    });
    expect(died.errors).toBeUndefined();
    expect(died.data.recordDeath).toEqual({ id: member.person_id, version: seen.version + 1, deathDate: today });

    const after = (await as(CASEWORKER, 'SUBSISTENCE_REVIEW', CHECK, { id: household.idNumber }, caseId)).data.subsistenceCheck;
    expect(after.memberCount).toBe(before.memberCount - 1);
    expect(after.household.members).toContainEqual({ person: { id: member.person_id, deathDate: today } });

    const records = (await as(CASEWORKER, 'SUBSISTENCE_REVIEW', ASSISTANCE, { id: memberIdNumber }, caseId)).data.person.assistance;
    const dibao = records.find((r: { id: string }) => r.id === member.record_id);
    expect(dibao).toMatchObject({ kind: 'DIBAO', status: 'ACTIVE', version: 1 });
    const input = { recordId: member.record_id, expectedVersion: 1, endOn: today, reason: 'DECEASED', clientRequestId: randomUUID() };
    // A reason is a code of the table, not any name a plain object answers to.
    expect((await as(CASEWORKER, 'SUBSISTENCE_REVIEW', END, { input: { ...input, reason: 'toString', clientRequestId: randomUUID() } }, caseId)).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('reason must be one of'),
    });
    const ended = await as(CASEWORKER, 'SUBSISTENCE_REVIEW', END, { input }, caseId);
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endAssistance).toEqual({ id: member.record_id, status: 'ENDED', endOn: today, version: 2 });
    expect(await changesOf('civil-affairs', member.record_id)).toEqual([
      expect.objectContaining({ operation: 'endAssistance', before: { status: 'ACTIVE', endOn: null, version: 1 }, after: { status: 'ENDED', endOn: today, version: 2, reason: 'DECEASED' } }),
    ]);
    expect(await writesLogged('civil-affairs', CASEWORKER, 'civil.assistance.write')).toEqual([{ subject_person_id: member.person_id, outcome: 'CLEAR' }]);

    // Ended once: a second caseworker's end at the old version is stale; without the case, or under another household's, it is refused.
    expect((await as(CASEWORKER, 'SUBSISTENCE_REVIEW', END, { input: { ...input, clientRequestId: randomUUID() } }, caseId)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await as(CASEWORKER, 'SUBSISTENCE_REVIEW', END, { input: { ...input, clientRequestId: randomUUID() } })).errors?.[0].extensions?.code).toBe('CASE_REQUIRED');
    const otherCase = district.manifest.planted.eligibleApplications.find((a) => a.authorizationOnFile && a.householdId !== household.householdId)!;
    expect((await as(CASEWORKER, 'SUBSISTENCE_REVIEW', END, { input: { ...input, expectedVersion: 2, clientRequestId: randomUUID() } }, otherCase.applicationId)).errors?.[0].extensions?.code).toBe(
      'OUT_OF_JURISDICTION',
    );

    // A death is registered once.
    expect(
      (await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', DEATH, { input: { personId: member.person_id, expectedVersion: seen.version + 1, deathDate: today, clientRequestId: randomUUID() } }))
        .errors?.[0],
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining(`died on ${today}`) });
  });
});

describe('public security: a 居住证 that lapsed is endorsed, and the registration later cancelled', () => {
  const LAPSING = 'query($before: String!) { floatingPopulation(filter: { permitExpiresBefore: $before }, first: 500) { nodes { id version permitExpiresOn lastEndorsedOn } } }';
  const RENEW = 'mutation($input: RenewResidencePermitInput!) { renewResidencePermit(input: $input) { id version permitExpiresOn lastEndorsedOn status } }';
  const CANCEL = 'mutation($input: CancelFloatingRegistrationInput!) { cancelFloatingRegistration(input: $input) { id version status } }';

  it('drops off the list of permits that lapse once renewed, writes once under retry, and is cancelled at the version seen', async () => {
    const lapsed = district.manifest.planted.lapsedPermitStillActive.find((p) => p.permitType === '01' && p.reason === 'PERMIT_EXPIRED')!;
    expect(lapsed).toBeDefined();
    const soon = `${Number(today.slice(0, 4))}-12-31`;
    const listed = (await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', LAPSING, { before: soon })).data.floatingPopulation.nodes;
    const seen = listed.find((n: { id: string }) => n.id === lapsed.registrationId);
    expect(seen).toMatchObject({ version: 1, permitExpiresOn: lapsed.permitExpiresOn });

    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const input = { registrationId: lapsed.registrationId, expectedVersion: 1, endorsedOn: today, permitExpiresOn: nextYear, clientRequestId: randomUUID() };
    const [renewed, retried] = await Promise.all([as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', RENEW, { input }), as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', RENEW, { input })]);
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data.renewResidencePermit).toEqual({ id: lapsed.registrationId, version: 2, permitExpiresOn: nextYear, lastEndorsedOn: today, status: 'ACTIVE' });
    expect(retried.data.renewResidencePermit).toEqual(renewed.data.renewResidencePermit);
    expect(await changesOf('public-security', lapsed.registrationId)).toEqual([
      expect.objectContaining({
        operation: 'renewResidencePermit',
        before: expect.objectContaining({ permitExpiresOn: lapsed.permitExpiresOn, version: 1 }),
        after: expect.objectContaining({ permitExpiresOn: nextYear }),
      }),
    ]);
    const relisted = (await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', LAPSING, { before: soon })).data.floatingPopulation.nodes;
    expect(relisted.map((n: { id: string }) => n.id)).not.toContain(lapsed.registrationId);

    expect(
      (
        await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', RENEW, {
          input: { ...input, expectedVersion: 2, permitExpiresOn: `${Number(today.slice(0, 4)) + 9}${today.slice(4)}`, clientRequestId: randomUUID() },
        })
      ).errors?.[0],
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('at most 5 years on') });

    const cancelInput = { registrationId: lapsed.registrationId, expectedVersion: 2, reason: 'MOVED_AWAY', clientRequestId: randomUUID() };
    expect((await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', CANCEL, { input: { ...cancelInput, reason: 'constructor', clientRequestId: randomUUID() } })).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('reason must be one of'),
    });
    const cancelled = await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', CANCEL, { input: cancelInput });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelFloatingRegistration).toEqual({ id: lapsed.registrationId, version: 3, status: 'CANCELLED' });
    const afterCancel = await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', RENEW, {
      input: { ...input, expectedVersion: 3, endorsedOn: today, permitExpiresOn: undefined, clientRequestId: randomUUID() },
    });
    expect(afterCancel.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('is CANCELLED, not ACTIVE') });
    expect(await writesLogged('public-security', POLICE_OFFICER, 'ps.floatingRegistration.write')).toEqual([
      { subject_person_id: lapsed.personId, outcome: 'CLEAR' },
      { subject_person_id: lapsed.personId, outcome: 'CLEAR' },
    ]);
  });
});

describe('public security: a resident from elsewhere registered, then registered anew after a move', () => {
  const REGISTER = 'mutation($input: RegisterFloatingResidentInput!) { registerFloatingResident(input: $input) { id version status gridCode registeredOn person { id } } }';
  const SEARCH = 'query($grid: String!, $name: String!) { floatingPopulation(filter: { gridCode: $grid, name: $name }) { totalCount nodes { id } } }';
  const CANCEL = 'mutation($input: CancelFloatingRegistrationInput!) { cancelFloatingRegistration(input: $input) { id status } }';

  it('registers once under retry, finds it by name, refuses a second ACTIVE registration until the first is cancelled', async () => {
    const [dwelling] = await sql<{ dwelling_id: string; grid_code: string }>('grid', 'select dwelling_id, grid_code from dwelling_grid order by dwelling_id limit 1');
    const idNumber = makeIdNumber('130102', '1995-05-05', 123);
    const input = {
      idNumber,
      name: '赵来津',
      dwellingId: dwelling.dwelling_id,
      gridCode: dwelling.grid_code,
      hukouRegionCode: '130102',
      inflowReason: '01',
      residenceType: '02',
      permitType: '01',
      permitNumber: 'JZ120112-0001',
      permitExpiresOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      registeredOn: today,
      clientRequestId: randomUUID(),
    };
    const [registered, retried] = await Promise.all([
      as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', REGISTER, { input }),
      as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', REGISTER, { input }),
    ]);
    expect(registered.errors).toBeUndefined();
    const registration = registered.data.registerFloatingResident;
    expect(registration).toMatchObject({ id: expect.stringMatching(/^F\d{8}$/), version: 1, status: 'ACTIVE', gridCode: dwelling.grid_code, registeredOn: today });
    expect(retried.data.registerFloatingResident).toEqual(registration);
    const found = (await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', SEARCH, { grid: dwelling.grid_code, name: '赵来津' })).data.floatingPopulation;
    expect(found.nodes).toContainEqual({ id: registration.id });

    const twice = await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', REGISTER, { input: { ...input, clientRequestId: randomUUID() } });
    expect(twice.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining(`ACTIVE registration ${registration.id}`) });
    const local = await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', REGISTER, { input: { ...input, hukouRegionCode: '120112', clientRequestId: randomUUID() } });
    expect(local.errors?.[0].message).toContain('不作流动人口登记');

    expect(
      (await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', CANCEL, { input: { registrationId: registration.id, expectedVersion: 1, reason: 'LEFT_DWELLING', clientRequestId: randomUUID() } }))
        .errors,
    ).toBeUndefined();
    const anew = await as(POLICE_OFFICER, 'FLOATING_POPULATION_MANAGEMENT', REGISTER, { input: { ...input, clientRequestId: randomUUID() } });
    expect(anew.errors).toBeUndefined();
    expect(anew.data.registerFloatingResident.id).not.toBe(registration.id);
    expect(anew.data.registerFloatingResident.person.id).toBe(registration.person.id);
  });
});

describe('housing: a dwelling changes hands', () => {
  const TRANSFER = 'mutation($input: RecordOwnershipTransferInput!) { recordOwnershipTransfer(input: $input) { dwellingId owners { share registeredOn owner { id } } } }';
  const COUNT = 'query($id: String!) { person(idNumber: $id) { ownedDwellingCount } }';
  const DWELLING = 'query($id: ID!) { dwelling(id: $id) { id version owners { share owner { id } } } }';
  const dwellingSeen = async (id: string) => (await as(HOUSING_OFFICER_FOR_SALES, 'HOUSING_ADMINISTRATION', DWELLING, { id })).data.dwelling;
  let sold: { dwelling_id: string; owner: string };
  let buyer: { id: string; id_number: string };

  it('replaces the owners at the version seen, once under retry, and each person’s count of dwellings follows', async () => {
    [sold] = await sql<{ dwelling_id: string; owner: string }>(
      'housing',
      `select dwelling_id, min(owner_person_id) as owner from ownership join dwelling d on d.id = dwelling_id where d.grid_code is not null
        group by dwelling_id having count(*) = 1 order by dwelling_id limit 1`,
    );
    const [seller] = await sql<{ id_number: string }>('population', 'select id_number from person where id = $1', [sold.owner]);
    [buyer] = await sql<{ id: string; id_number: string }>('population', `select id, id_number from person where death_date is null and id <> $1 order by id desc offset 5 limit 1`, [sold.owner]);
    const count = async (idNumber: string) => (await as(HOUSING_OFFICER_FOR_SALES, 'HOUSING_ADMINISTRATION', COUNT, { id: idNumber })).data.person.ownedDwellingCount as number;
    const [sellerBefore, buyerBefore] = [await count(seller.id_number), await count(buyer.id_number)];
    expect(await dwellingSeen(sold.dwelling_id)).toEqual({ id: sold.dwelling_id, version: 1, owners: [{ share: 1, owner: { id: sold.owner } }] });
    const input = { dwellingId: sold.dwelling_id, expectedVersion: 1, owners: [{ idNumber: buyer.id_number, share: 1 }], registeredOn: today, clientRequestId: randomUUID() };
    const [first, retry] = await Promise.all([
      as(HOUSING_OFFICER_FOR_SALES, 'HOUSING_ADMINISTRATION', TRANSFER, { input }),
      as(HOUSING_OFFICER_FOR_SALES, 'HOUSING_ADMINISTRATION', TRANSFER, { input }),
    ]);
    expect(first.errors).toBeUndefined();
    expect(first.data.recordOwnershipTransfer).toEqual({ dwellingId: sold.dwelling_id, owners: [{ share: 1, registeredOn: today, owner: { id: buyer.id } }] });
    expect(retry.data.recordOwnershipTransfer).toEqual(first.data.recordOwnershipTransfer);
    expect([await count(seller.id_number), await count(buyer.id_number)]).toEqual([sellerBefore - 1, buyerBefore + 1]);
    // The retry racing its first send was answered with the first write's answer: one change, one step of the version.
    expect(await changesOf('housing', sold.dwelling_id)).toEqual([
      expect.objectContaining({
        operation: 'recordOwnershipTransfer',
        before: { owners: [expect.objectContaining({ ownerPersonId: sold.owner })], version: 1 },
        after: { owners: [expect.objectContaining({ ownerPersonId: buyer.id, share: 1 })], version: 2 },
        client_request_id: input.clientRequestId,
      }),
    ]);
    expect(await dwellingSeen(sold.dwelling_id)).toEqual({ id: sold.dwelling_id, version: 2, owners: [{ share: 1, owner: { id: buyer.id } }] });
    const halves = await as(HOUSING_OFFICER_FOR_SALES, 'HOUSING_ADMINISTRATION', TRANSFER, {
      input: {
        ...input,
        owners: [
          { idNumber: buyer.id_number, share: 0.5 },
          { idNumber: seller.id_number, share: 0.4 },
        ],
        clientRequestId: randomUUID(),
      },
    });
    expect(halves.errors?.[0].message).toContain('must add up to 1');
  });

  it('refuses a transfer at a version someone else’s transfer moved on (CONFLICT), nothing changed; at the version now it goes through, one step of the version each', async () => {
    const [seller] = await sql<{ id_number: string }>('population', 'select id_number from person where id = $1', [sold.owner]);
    const transfer = (expectedVersion: number, idNumber: string) =>
      as(HOUSING_OFFICER_FOR_SALES, 'HOUSING_ADMINISTRATION', TRANSFER, {
        input: { dwellingId: sold.dwelling_id, expectedVersion, owners: [{ idNumber, share: 1 }], registeredOn: today, clientRequestId: randomUUID() },
      });
    const changesBefore = await changesOf('housing', sold.dwelling_id);
    const ownershipRows = () => sql('housing', 'select id, owner_person_id, share::text, registered_on::text from ownership where dwelling_id = $1 order by id', [sold.dwelling_id]);
    const ownersBefore = await ownershipRows();

    // The officer opened the dwelling before the first transfer (version 1): the buyer's ownership is not overwritten.
    const stale = await transfer(1, seller.id_number);
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining(`dwelling ${sold.dwelling_id} is at version 2, you saw 1`) });
    expect(stale.data).toBeNull();
    expect(await ownershipRows()).toEqual(ownersBefore);
    expect(await changesOf('housing', sold.dwelling_id)).toEqual(changesBefore);
    expect((await dwellingSeen(sold.dwelling_id)).version).toBe(2);
    expect((await transfer(0, seller.id_number)).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('expectedVersion') });

    // Reloaded, at version 2: the dwelling goes back to the seller, and on to the buyer again at version 3.
    expect((await transfer(2, seller.id_number)).errors).toBeUndefined();
    expect((await transfer(3, buyer.id_number)).errors).toBeUndefined();
    expect(await dwellingSeen(sold.dwelling_id)).toEqual({ id: sold.dwelling_id, version: 4, owners: [{ share: 1, owner: { id: buyer.id } }] });
    expect((await changesOf('housing', sold.dwelling_id)).map((change) => [change.operation, change.before.version, change.after.version])).toEqual([
      ['recordOwnershipTransfer', 1, 2],
      ['recordOwnershipTransfer', 2, 3],
      ['recordOwnershipTransfer', 3, 4],
    ]);
  });
});

describe('the grid center: a worker assigned to another grid', () => {
  const ASSIGN = 'mutation($input: AssignGridWorkerInput!) { assignGridWorker(input: $input) { id version role } }';
  const WORKERS = 'query($code: String!) { grid(code: $code) { workers { id version role } } }';

  it("moves the worker at the version seen, for the center's supervisor only", async () => {
    const [worker] = await sql<{ id: string; grid_code: string }>('grid', "select id, grid_code from grid_worker where role = 'GRID_WORKER' order by id limit 1");
    const [other] = await sql<{ code: string }>('grid', 'select code from grid where code <> $1 order by code limit 1', [worker.grid_code]);
    const supervisor: TestUser = { dept: 'GRID', jurisdiction: '120112', role: 'SUPERVISOR', sub: `grid-supervisor-${randomUUID().slice(0, 8)}` };
    const input = { workerId: worker.id, expectedVersion: 1, gridCode: other.code, role: 'GRID_WORKER', clientRequestId: randomUUID() };
    expect((await as({ ...supervisor, role: 'OFFICER' }, 'GRID_SERVICE', ASSIGN, { input })).errors?.[0].message).toContain('is for SUPERVISOR');
    const moved = await as(supervisor, 'GRID_SERVICE', ASSIGN, { input });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.assignGridWorker).toEqual({ id: worker.id, version: 2, role: 'GRID_WORKER' });
    const workersOf = async (code: string) => (await as(supervisor, 'GRID_SERVICE', WORKERS, { code })).data.grid.workers.map((w: { id: string }) => w.id);
    expect(await workersOf(other.code)).toContain(worker.id);
    expect(await workersOf(worker.grid_code)).not.toContain(worker.id);
    expect((await as(supervisor, 'GRID_SERVICE', ASSIGN, { input: { ...input, gridCode: worker.grid_code, clientRequestId: randomUUID() } })).errors?.[0].extensions?.code).toBe('CONFLICT');
    // A role is a code of the table, not any name a plain object answers to.
    const toString = await as(supervisor, 'GRID_SERVICE', ASSIGN, { input: { ...input, expectedVersion: 2, role: 'toString', clientRequestId: randomUUID() } });
    expect(toString.errors?.[0].message).toContain('role must be one of GRID_LEADER, GRID_WORKER');
    expect(await changesOf('grid', worker.id)).toEqual([
      expect.objectContaining({ operation: 'assignGridWorker', before: expect.objectContaining({ gridCode: worker.grid_code }), after: expect.objectContaining({ gridCode: other.code }) }),
    ]);
  });
});

describe("网格员采集: a grid worker's report of a let dwelling, taken over by housing", () => {
  const PROPOSE = 'mutation($input: ProposeFieldChangeInput!) { proposeFieldChange(input: $input) { id kind status version targetDepartment recordId visitedOn proposal } }';
  const QUEUE = 'query { correctionRequests(status: "RAISED", first: 100) { nodes { id kind version recordId proposal } } }';
  const RECORD = 'mutation($input: RecordTenancyInput!) { recordTenancy(input: $input) { id startOn rentalUse tenant { id } landlord { id } } }';
  const ACCEPT = 'mutation($id: ID!, $version: Int!, $answer: String) { acceptCorrection(id: $id, version: $version, answer: $answer) { id status version answer } }';
  const DWELLING = 'query($id: ID!) { dwelling(id: $id) { id tenancies { current tenant { id } } } }';
  const HOUSING_OFFICER: TestUser = { dept: 'HOUSING', jurisdiction: '120112', sub: `housing-officer-${randomUUID().slice(0, 8)}`, name: '房管员' };

  it('reports the tenancy as a request to housing (never a write to housing), which records it and accepts the report', async () => {
    const [dwelling] = await sql<{ dwelling_id: string; grid_code: string }>('grid', 'select dwelling_id, grid_code from dwelling_grid order by grid_code desc, dwelling_id desc limit 1');
    const [tenant, landlord] = await sql<{ id: string; id_number: string }>('population', 'select id, id_number from person where death_date is null order by id desc limit 2');
    const worker: TestUser = { dept: 'GRID', jurisdiction: dwelling.grid_code, role: 'GRID_WORKER', sub: `grid-worker-${randomUUID().slice(0, 8)}`, name: '网格员' };
    const input = {
      kind: 'TENANCY_STARTED',
      gridCode: dwelling.grid_code,
      dwellingId: dwelling.dwelling_id,
      visitedOn: today,
      tenancy: { tenantIdNumber: tenant.id_number, landlordIdNumber: landlord.id_number, rentalUse: '02', startOn: today },
      note: '房东称上月已出租。',
      clientRequestId: randomUUID(),
    };
    const [reported, resent] = await Promise.all([as(worker, 'GRID_SERVICE', PROPOSE, { input }), as(worker, 'GRID_SERVICE', PROPOSE, { input })]);
    expect(reported.errors).toBeUndefined();
    const request = reported.data.proposeFieldChange;
    expect(request).toMatchObject({ kind: 'FIELD_TENANCY_STARTED', status: 'RAISED', version: 1, targetDepartment: 'HOUSING', recordId: dwelling.dwelling_id, visitedOn: today });
    expect(JSON.parse(request.proposal)).toEqual({ tenantPersonId: tenant.id, landlordPersonId: landlord.id, rentalUse: '02', startOn: today });
    expect(resent.data.proposeFieldChange.id).toBe(request.id);
    expect(await sql('grid', "select id from correction_request where kind = 'FIELD_TENANCY_STARTED' and record_id = $1", [dwelling.dwelling_id])).toHaveLength(1);
    // The request names people by key only: no ID number is kept by the grid center.
    expect(JSON.stringify(await sql('grid', 'select * from correction_request where id = $1', [request.id]))).not.toContain(tenant.id_number);

    const tenancyInput = {
      dwellingId: dwelling.dwelling_id,
      tenantPersonId: tenant.id,
      landlordPersonId: landlord.id,
      rentalUse: '02',
      startOn: today,
      correctionRequestId: request.id,
      clientRequestId: randomUUID(),
    };
    // The worker cannot write housing's record; housing does.
    expect((await as(worker, 'GRID_SERVICE', RECORD, { input: tenancyInput })).errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('not available for purpose GRID_SERVICE'),
    });
    const queue = (await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', QUEUE, {})).data.correctionRequests.nodes;
    const waiting = queue.find((r: { id: string }) => r.id === request.id);
    expect(JSON.parse(waiting.proposal)).toEqual(JSON.parse(request.proposal));
    const recorded = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', RECORD, { input: { ...tenancyInput, ...JSON.parse(waiting.proposal) } });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordTenancy).toMatchObject({ startOn: today, rentalUse: '02', tenant: { id: tenant.id }, landlord: { id: landlord.id } });
    expect((await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', RECORD, { input: { ...tenancyInput, clientRequestId: randomUUID() } })).errors?.[0].message).toContain('already has a current tenancy');
    const accepted = await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', ACCEPT, { id: request.id, version: 1, answer: `已登记租赁 ${recorded.data.recordTenancy.id}` });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptCorrection).toMatchObject({ status: 'ACCEPTED', version: 2 });

    const tenancies = (await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', DWELLING, { id: dwelling.dwelling_id })).data.dwelling.tenancies;
    expect(tenancies).toContainEqual({ current: true, tenant: { id: tenant.id } });
    expect(await changesOf('housing', recorded.data.recordTenancy.id)).toEqual([
      expect.objectContaining({ operation: 'recordTenancy', before: null, after: expect.objectContaining({ tenantPersonId: tenant.id, correctionRequestId: request.id }) }),
    ]);
    expect((await writesLogged('housing', HOUSING_OFFICER, 'housing.tenancy.write')).map((row) => row.subject_person_id).sort()).toEqual([tenant.id, landlord.id].sort());
  });

  it('reports a registered resident gone to population, which clears the residence and accepts the report', async () => {
    const [resident] = await sql<{ id: string; id_number: string; residence_grid_code: string; residence_dwelling_id: string; version: number }>(
      'population',
      `select id, id_number, residence_grid_code, residence_dwelling_id, version from person
        where death_date is null and residence_dwelling_id is not null and residence_since < $1 and population_type = 'REGISTERED' order by id desc offset 40 limit 1`,
      [today],
    );
    const worker: TestUser = { dept: 'GRID', jurisdiction: resident.residence_grid_code, role: 'GRID_WORKER', sub: `grid-worker-${randomUUID().slice(0, 8)}` };
    const MOVE_OUT = 'mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { personId } }';
    const reported = await as(worker, 'GRID_SERVICE', PROPOSE, {
      input: {
        kind: 'RESIDENT_LEFT',
        gridCode: resident.residence_grid_code,
        dwellingId: resident.residence_dwelling_id,
        visitedOn: today,
        departure: { idNumber: resident.id_number, leftOn: today },
        clientRequestId: randomUUID(),
      },
    });
    expect(reported.errors).toBeUndefined();
    const request = reported.data.proposeFieldChange;
    expect(request).toMatchObject({ kind: 'FIELD_RESIDENT_LEFT', targetDepartment: 'POPULATION', recordId: resident.id });
    expect(JSON.parse(request.proposal)).toEqual({ personId: resident.id, dwellingId: resident.residence_dwelling_id, leftOn: today });
    // Housing's queue does not hold it; population's does.
    expect((await as(HOUSING_OFFICER, 'HOUSING_ADMINISTRATION', QUEUE, {})).data.correctionRequests.nodes.map((r: { id: string }) => r.id)).not.toContain(request.id);
    expect((await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', QUEUE, {})).data.correctionRequests.nodes.map((r: { id: string }) => r.id)).toContain(request.id);
    const movedOut = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', MOVE_OUT, {
      input: { personId: resident.id, expectedVersion: resident.version, movedOutOn: today, correctionRequestId: request.id, clientRequestId: randomUUID() },
    });
    expect(movedOut.errors).toBeUndefined();
    const accepted = await as(POPULATION_OFFICER, 'POPULATION_ADMINISTRATION', ACCEPT, { id: request.id, version: 1, answer: '已登记迁离' });
    expect(accepted.data.acceptCorrection).toMatchObject({ status: 'ACCEPTED' });
    expect(await sql('population', 'select residence_dwelling_id from person where id = $1', [resident.id])).toEqual([{ residence_dwelling_id: null }]);
  });

  it("refuses a dwelling not of the worker's grid, another grid, an unknown kind and a wrong ID number", async () => {
    const [a, b] = await sql<{ dwelling_id: string; grid_code: string }>('grid', 'select distinct on (grid_code) dwelling_id, grid_code from dwelling_grid order by grid_code, dwelling_id limit 2');
    const worker: TestUser = { dept: 'GRID', jurisdiction: a.grid_code, role: 'GRID_WORKER' };
    const [person] = await sql<{ id_number: string }>('population', 'select id_number from person order by id limit 1');
    const input = (dwellingId: string, gridCode: string, tenantIdNumber = person.id_number) => ({
      kind: 'TENANCY_STARTED',
      gridCode,
      dwellingId,
      visitedOn: today,
      tenancy: { tenantIdNumber, landlordIdNumber: makeLandlord(person.id_number), rentalUse: '02', startOn: today },
      clientRequestId: randomUUID(),
    });
    expect((await as(worker, 'GRID_SERVICE', PROPOSE, { input: input(b.dwelling_id, a.grid_code) })).errors?.[0].message).toContain(`is not one of grid ${a.grid_code}'s`);
    expect((await as(worker, 'GRID_SERVICE', PROPOSE, { input: input(b.dwelling_id, b.grid_code) })).errors?.[0].extensions?.code).toBe('OUT_OF_JURISDICTION');
    expect((await as(worker, 'GRID_SERVICE', PROPOSE, { input: { ...input(a.dwelling_id, a.grid_code), kind: 'constructor' } })).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('kind must be one of TENANCY_STARTED'),
    });
    const wrongDigit = person.id_number.slice(0, 17) + (person.id_number[17] === '0' ? '1' : '0');
    expect((await as(worker, 'GRID_SERVICE', PROPOSE, { input: input(a.dwelling_id, a.grid_code, wrongDigit) })).errors?.[0].message).toMatch(/tenancy\.tenantIdNumber.*check/i);
  });
});

/** Another valid ID number than the given one (its sequence digit moved on, the check digit recomputed). */
function makeLandlord(idNumber: string): string {
  return makeIdNumber(idNumber.slice(0, 6), `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, (Number(idNumber.slice(14, 17)) + 1) % 1000);
}
