/**
 * 纠错回流 (issue #10, part 4): the grid center finds a discrepancy, sends it as a correction request to the department
 * whose record is wrong; that department corrects its own record through its own mutation and accepts, and the
 * discrepancy is gone from the report. Another is rejected with a reason and stays listed, marked disputed. The bad
 * cases — a forged discrepancy, a department not party to it, a foreign jurisdiction, an answer from a department the
 * request is not addressed to, a second answer — each get a coded error. Each owner's correction is a department write
 * like any other (ADR 0020): a retry with the same client request id answers the first write and writes nothing twice,
 * and a record changed since it was seen is a CONFLICT. Real processes, real PostgreSQL.
 *
 * Every other test relies on the seeded district's planted discrepancies being exactly what the manifest says, so
 * this file makes its own: a few records in a grid of its own, outside the seeded district (120112), drawn afresh
 * each run, in the departments' own databases.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Purpose } from '@hub/access';
import { accessLogSql } from '@hub/audit';
import { databaseNameFor, databaseUrl } from '@hub/db';
import { makeIdNumber, personIdFor, personIdSecret, todayInChina } from '@hub/domain';
import { postGraphQL, startHub, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';

/** A grid of this run only: district 120199 is not the seeded one, so no other test's report sees these records. */
const GRID = `120199${String(randomInt(1e9)).padStart(9, '0')}`;
const SEEDED_DISTRICT = '120112';
const run = String(randomInt(1e6)).padStart(6, '0');
/** `record_change` and the access log are append-only and outlive a reseed, which reuses ids: this run's rows are the ones since it started. */
const runStarted = new Date();

const gridCenter: TestUser = { dept: 'GRID', jurisdiction: GRID, sub: 'grid-center-co' };
const police: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: GRID, sub: 'police-co' };
const housingOfficer: TestUser = { dept: 'HOUSING', jurisdiction: GRID, sub: 'housing-co' };
const populationOfficer: TestUser = { dept: 'POPULATION', jurisdiction: GRID, sub: 'population-co' };
const foreignGridCenter: TestUser = { dept: 'GRID', jurisdiction: SEEDED_DISTRICT };
const foreignPolice: TestUser = { dept: 'PUBLIC_SECURITY', jurisdiction: SEEDED_DISTRICT };

const PURPOSE: Record<string, Purpose> = {
  GRID: 'GRID_SERVICE',
  PUBLIC_SECURITY: 'FLOATING_POPULATION_MANAGEMENT',
  HOUSING: 'HOUSING_ADMINISTRATION',
  POPULATION: 'POPULATION_ADMINISTRATION',
};

let hub: RunningHub;

async function as(user: TestUser, query: string, variables: Record<string, unknown> = {}, purpose = PURPOSE[user.dept]): Promise<GraphQLResponse> {
  return postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${await userToken(user)}`, 'x-purpose': purpose });
}
const codes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);
const messages = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.message).join(' | ');

async function sql(department: string, statement: string, values: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor(department)) });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows;
  } finally {
    await client.end();
  }
}

interface Resident {
  personId: string;
  idNumber: string;
  dwellingId: string;
}

let sequence = 0;
/** A FLOATING resident of the test grid, living at a dwelling of their own (both new). */
async function newResident(): Promise<Resident> {
  sequence++;
  const birthDate = `1990-03-${String(sequence).padStart(2, '0')}`;
  const idNumber = makeIdNumber('120199', birthDate, randomInt(500) * 2 + 1); // odd: a man, as gender '1' says
  const personId = personIdFor(idNumber, personIdSecret());
  const dwellingId = await newDwelling();
  await sql(
    'population',
    `insert into person (id, id_number, name, gender, birth_date, ethnicity, population_type, hukou_region_code, residence_dwelling_id, residence_grid_code, residence_since)
     values ($1, $2, $3, '1', $4, '01', 'FLOATING', '130102', $5, $6, '2025-01-01')`,
    [personId, idNumber, `纠错测试${sequence}`, birthDate, dwellingId, GRID],
  );
  return { personId, idNumber, dwellingId };
}

let dwellings = 0;
async function newDwelling(): Promise<string> {
  const id = `DX${run}${++dwellings}`;
  await sql('housing', `insert into dwelling (id, address_code, address, building_use, area, region_code, grid_code) values ($1, $2, $3, '01', 60, $4, $5)`, [
    id,
    `CO${run}${dwellings}`,
    `天津市测试区纠错路${dwellings}号`,
    GRID.slice(0, 12),
    GRID,
  ]);
  return id;
}

let registrations = 0;
/** An ACTIVE registration; `lapsed`: its permit expired a month ago. */
async function newRegistration(resident: Resident, dwellingId: string, lapsed = false): Promise<string> {
  const id = `F9${run}${++registrations}`;
  await sql(
    'public-security',
    `insert into floating_registration (id, person_id, dwelling_id, grid_code, hukou_region_code, inflow_reason, residence_type, permit_type, registered_on, permit_expires_on, last_endorsed_on, status)
     values ($1, $2, $3, $4, '130102', '01', '02', '01', '2025-01-05', $6, $5, 'ACTIVE')`,
    [id, resident.personId, dwellingId, GRID, todayInChina(), lapsed ? daysAgo(30) : '2030-01-01'],
  );
  return id;
}

async function newTenancy(resident: Resident): Promise<string> {
  const landlord = await newResident();
  const rows = await sql('housing', `insert into tenancy (dwelling_id, tenant_person_id, landlord_person_id, rental_use, start_on) values ($1, $2, $3, '02', '2025-01-01') returning id::text as id`, [
    resident.dwellingId,
    resident.personId,
    landlord.personId,
  ]);
  return String(rows[0].id);
}

const DISCREPANCIES = `
  query($region: String!) {
    discrepancies(regionCode: $region, first: 500) {
      totalCount
      nodes { id kind departments gridCode records { department recordType recordId } person { id } disputed correction { id status answer targetDepartment version } }
    }
  }`;

interface Listed {
  id: string;
  kind: string;
  departments: string[];
  records: Array<{ department: string; recordType: string; recordId: string }>;
  person: { id: string } | null;
  disputed: boolean;
  correction: { id: string; status: string; answer: string | null; targetDepartment: string; version: number } | null;
}

async function report(): Promise<Listed[]> {
  const response = await as(gridCenter, DISCREPANCIES, { region: GRID });
  expect(response.errors).toBeUndefined();
  return response.data.discrepancies.nodes;
}
const about = (listed: Listed[], kind: string, personId: string) => listed.find((d) => d.kind === kind && d.person?.id === personId);

const RAISE = `
  mutation($input: RaiseCorrectionInput!) {
    raiseCorrection(input: $input) { id status kind gridCode targetDepartment recordType recordId proposedCorrection version raisedBy raisedAt person { id } history { action version before after actor actorDepartment } }
  }`;
const ACCEPT = `mutation($id: ID!, $version: Int!, $answer: String) { acceptCorrection(id: $id, version: $version, answer: $answer) { id status answer version resolvedBy resolvedAt history { action version before after actorDepartment } } }`;
const REJECT = `mutation($id: ID!, $version: Int!, $reason: String!) { rejectCorrection(id: $id, version: $version, reason: $reason) { id status answer version } }`;
const QUEUE = `query($status: String) { correctionRequests(status: $status, first: 100) { totalCount nodes { id kind status targetDepartment recordType recordId proposedCorrection version } } }`;
const CORRECT_REGISTRATION = `
  mutation($input: CorrectFloatingRegistrationDwellingInput!) {
    correctFloatingRegistrationDwelling(input: $input) { id status version }
  }`;
const END_TENANCY = `mutation($input: EndTenancyInput!) { endTenancy(input: $input) { id endOn current } }`;
const MOVE_OUT = `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { id personId correctionRequestId before after correctedAt } }`;
const MOVE = 'mutation($input: RecordMoveInput!) { recordMove(input: $input) { id version } }';

/** A correction's input with a client request id of its own (a new write). */
const correctRegistration = (registrationId: string, dwellingId: string, expectedVersion: number, request?: string) => ({
  input: { registrationId, dwellingId, expectedVersion, correctionRequestId: request, reason: '住所变更，据网格中心纠错单更正', clientRequestId: randomUUID() },
});
const endTenancy = (tenancyId: string, endedOn: string, request?: string) => ({
  input: { tenancyId, endedOn, correctionRequestId: request, reason: '承租人已退租', clientRequestId: randomUUID() },
});
const moveOut = (personId: string, movedOutOn: string, expectedVersion: number, request?: string) => ({
  input: { personId, movedOutOn, expectedVersion, correctionRequestId: request, reason: '网格员核实：已离开本地', clientRequestId: randomUUID() },
});

/** This run's `record_change` rows of a record. */
const changesOf = (department: string, recordId: string) =>
  sql(department, 'select operation, before, after, client_request_id from record_change where record_id = $1 and changed_at >= $2 order by id', [recordId, runStarted]);

/**
 * What the writes left behind: their rows in the department's own history table and in `record_change`, and the
 * access-log events of the write's class under the person by the user (the write's own, and any read of an answer
 * whose fields are of that class).
 */
async function traces(department: string, history: { table: string; column: string }, recordId: string, user: TestUser, fieldClass: string, personId: string) {
  const count = async (statement: string, values: unknown[]) => Number((await sql(department, statement, values))[0].count);
  return {
    history: await count(`select count(*) from ${history.table} where ${history.column} = $1`, [recordId]),
    recordChanges: (await changesOf(department, recordId)).length,
    accessEvents: await count(accessLogSql.select('count(*)', "user_sub = $1 and field_classes = array[$2]::text[] and subject_person_id = $3 and outcome = 'CLEAR' and at >= $4"), [
      user.sub,
      fieldClass,
      personId,
      runStarted,
    ]),
  };
}

function daysAgo(days: number): string {
  return new Date(Date.parse(`${todayInChina()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
const yesterdayInChina = () => daysAgo(1);

/** The police registration names a dwelling the person left: FLOATING_REGISTERED_ELSEWHERE, public security's record wrong. */
let movedResident: Resident;
let staleRegistration: string;
/** Two floating tenants without a registration: TENANT_WITHOUT_FLOATING_REGISTRATION, once housing's, once disputed. */
let departedTenant: Resident;
let departedTenancy: string;
let disputedTenant: Resident;
/** A resident whose permit lapsed, still living here for population: PERMIT_LAPSED_STILL_REGISTERED, population's record wrong. */
let leftResident: Resident;

beforeAll(async () => {
  movedResident = await newResident();
  staleRegistration = await newRegistration(movedResident, await newDwelling());
  departedTenant = await newResident();
  departedTenancy = await newTenancy(departedTenant);
  disputedTenant = await newResident();
  await newTenancy(disputedTenant);
  leftResident = await newResident();
  await newRegistration(leftResident, leftResident.dwellingId, true);
  hub = await startHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('a discrepancy becomes a correction, the owning department corrects its record, and the discrepancy is gone', () => {
  let requestId: string;

  it('the grid center finds the stale registration and raises it to public security', async () => {
    const found = about(await report(), 'FLOATING_REGISTERED_ELSEWHERE', movedResident.personId)!;
    expect(found).toBeDefined();
    expect(found.correction).toBeNull();
    expect(found.disputed).toBe(false);
    const raised = await as(gridCenter, RAISE, {
      input: { discrepancyId: found.id, targetDepartment: 'PUBLIC_SECURITY', proposedCorrection: `登记住所应更正为实际居住的 ${movedResident.dwellingId}` },
    });
    expect(raised.errors).toBeUndefined();
    const request = raised.data.raiseCorrection;
    expect(request).toMatchObject({
      status: 'RAISED',
      kind: 'FLOATING_REGISTERED_ELSEWHERE',
      gridCode: GRID,
      targetDepartment: 'PUBLIC_SECURITY',
      recordType: 'FloatingRegistration',
      recordId: staleRegistration,
      version: 1,
      raisedBy: 'grid-center-co',
      person: { id: movedResident.personId },
    });
    expect(request.history).toEqual([expect.objectContaining({ action: 'RAISED', version: 1, before: null, actor: 'grid-center-co', actorDepartment: 'GRID' })]);
    requestId = request.id;

    // The report now shows the discrepancy with its open correction.
    const listed = about(await report(), 'FLOATING_REGISTERED_ELSEWHERE', movedResident.personId)!;
    expect(listed.correction).toMatchObject({ id: requestId, status: 'RAISED', targetDepartment: 'PUBLIC_SECURITY' });
  });

  it('raising the same discrepancy again while it waits is a CONFLICT', async () => {
    const found = about(await report(), 'FLOATING_REGISTERED_ELSEWHERE', movedResident.personId)!;
    const again = await as(gridCenter, RAISE, { input: { discrepancyId: found.id, targetDepartment: 'POPULATION', proposedCorrection: '再次提出' } });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(messages(again)).toContain(requestId);
  });

  it('public security finds it in its queue; population and housing do not see it', async () => {
    const queue = await as(police, QUEUE, { status: 'RAISED' });
    expect(queue.errors).toBeUndefined();
    expect(queue.data.correctionRequests.nodes).toEqual([expect.objectContaining({ id: requestId, recordId: staleRegistration, targetDepartment: 'PUBLIC_SECURITY' })]);
    for (const other of [populationOfficer, housingOfficer]) {
      const theirs = await as(other, QUEUE);
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data.correctionRequests.nodes.map((n: { id: string }) => n.id)).not.toContain(requestId);
    }
  });

  it('population may not answer a request addressed to public security (FORBIDDEN), nor police of another jurisdiction (OUT_OF_JURISDICTION)', async () => {
    expect(codes(await as(populationOfficer, ACCEPT, { id: requestId, version: 1 }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(foreignPolice, ACCEPT, { id: requestId, version: 1 }))).toEqual(['OUT_OF_JURISDICTION']);
    // Nor may public security correct its registration from outside the jurisdiction.
    expect(codes(await as(foreignPolice, CORRECT_REGISTRATION, correctRegistration(staleRegistration, movedResident.dwellingId, 1)))).toEqual(['OUT_OF_JURISDICTION']);
    // And only public security writes its registrations: population's purpose is refused by the policy.
    expect(codes(await as(populationOfficer, CORRECT_REGISTRATION, correctRegistration(staleRegistration, movedResident.dwellingId, 1)))).toEqual(['FORBIDDEN']);
  });

  it('public security corrects its own registration, keeping before and after, and accepts; the discrepancy is gone', async () => {
    const send = correctRegistration(staleRegistration, movedResident.dwellingId, 1, requestId);
    const corrected = await as(police, CORRECT_REGISTRATION, send);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.correctFloatingRegistrationDwelling).toEqual({ id: staleRegistration, status: 'ACTIVE', version: 2 });
    const [history] = await sql('public-security', 'select before, after, correction_request_id, corrected_by from registration_correction where registration_id = $1', [staleRegistration]);
    expect(history).toMatchObject({
      before: { version: 1 },
      after: { dwellingId: movedResident.dwellingId, status: 'ACTIVE', version: 2 },
      correction_request_id: requestId,
      corrected_by: 'police-co',
    });
    expect((history.before as { dwellingId: string }).dwellingId).not.toBe(movedResident.dwellingId);
    expect(await changesOf('public-security', staleRegistration)).toEqual([
      {
        operation: 'correctFloatingRegistrationDwelling',
        before: history.before,
        after: { ...(history.after as object), correctionRequestId: requestId },
        client_request_id: send.input.clientRequestId,
      },
    ]);

    // The answer was lost and the same write is sent again: the first write's answer, nothing written twice.
    const retried = await as(police, CORRECT_REGISTRATION, send);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.correctFloatingRegistrationDwelling).toEqual(corrected.data.correctFloatingRegistrationDwelling);
    const once = { history: 1, recordChanges: 1, accessEvents: 1 };
    const registrationHistory = { table: 'registration_correction', column: 'registration_id' };
    expect(await traces('public-security', registrationHistory, staleRegistration, police, 'ps.floatingRegistration.correction', movedResident.personId)).toEqual(once);
    // A new write made against the version seen before the correction is stale.
    const stale = await as(police, CORRECT_REGISTRATION, correctRegistration(staleRegistration, await newDwelling(), 1, requestId));
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(messages(stale)).toContain('at version 2, you saw 1');
    expect(await traces('public-security', registrationHistory, staleRegistration, police, 'ps.floatingRegistration.correction', movedResident.personId)).toEqual(once);

    const accepted = await as(police, ACCEPT, { id: requestId, version: 1, answer: '已更正登记住所' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptCorrection).toMatchObject({ status: 'ACCEPTED', answer: '已更正登记住所', version: 2, resolvedBy: 'police-co' });
    const steps = accepted.data.acceptCorrection.history;
    expect(steps.map((s: { action: string }) => s.action)).toEqual(['RAISED', 'ACCEPTED']);
    expect(JSON.parse(steps[1].before)).toMatchObject({ status: 'RAISED', version: 1 });
    expect(JSON.parse(steps[1].after)).toMatchObject({ status: 'ACCEPTED', version: 2, resolvedBy: 'police-co' });

    expect(about(await report(), 'FLOATING_REGISTERED_ELSEWHERE', movedResident.personId)).toBeUndefined();
  });

  it('answering it again is a CONFLICT, and the history cannot be rewritten', async () => {
    const again = await as(police, REJECT, { id: requestId, version: 2, reason: '改主意了' });
    expect(codes(again)).toEqual(['CONFLICT']);
    await expect(sql('grid', 'update correction_request_history set actor = $1 where request_id = $2', ['someone', requestId])).rejects.toThrow(/append-only/);
  });

  it('every write is in the access log of the department that made it, under the person', async () => {
    const auditor: TestUser = { dept: 'AUDIT', jurisdiction: GRID, role: 'AUDITOR' };
    const log = await as(auditor, `query($id: String!) { accessLog(idNumber: $id, first: 200) { subgraph department fieldClasses outcome userId } }`, { id: movedResident.idNumber }, 'ACCESS_AUDIT');
    expect(log.errors).toBeUndefined();
    const events = log.data.accessLog as Array<{ subgraph: string; department: string; fieldClasses: string[]; outcome: string; userId: string }>;
    const wrote = (fieldClass: string, userId: string, outcome = 'CLEAR') => events.some((e) => e.fieldClasses.includes(fieldClass) && e.userId === userId && e.outcome === outcome);
    expect(wrote('grid.correction.write', 'grid-center-co')).toBe(true);
    expect(wrote('ps.floatingRegistration.correction', 'police-co')).toBe(true);
    expect(wrote('grid.correction.write', 'police-co')).toBe(true);
    expect(wrote('grid.correction.write', 'population-co', 'DENIED')).toBe(true);
  });
});

describe('housing ends a tenancy that was over; another it rejects, and that one stays listed as disputed', () => {
  let acceptedRequest: { id: string; version: number };
  let rejectedRequest: { id: string; version: number };

  it('the grid center raises both floating tenants without a registration to housing', async () => {
    const listed = await report();
    const raise = async (tenant: Resident, proposal: string) => {
      const found = about(listed, 'TENANT_WITHOUT_FLOATING_REGISTRATION', tenant.personId)!;
      expect(found.departments).toEqual(['HOUSING', 'POPULATION', 'PUBLIC_SECURITY']);
      const raised = await as(gridCenter, RAISE, { input: { discrepancyId: found.id, targetDepartment: 'HOUSING', proposedCorrection: proposal } });
      expect(raised.errors).toBeUndefined();
      return raised.data.raiseCorrection;
    };
    acceptedRequest = await raise(departedTenant, '网格员走访：承租人已退租，请登记退租');
    expect(acceptedRequest).toMatchObject({ recordType: 'Tenancy', recordId: departedTenancy });
    rejectedRequest = await raise(disputedTenant, '网格员走访：承租人疑似已退租');
    const queue = await as(housingOfficer, QUEUE, { status: 'RAISED' });
    expect(queue.data.correctionRequests.nodes.map((n: { id: string }) => n.id).sort()).toEqual([acceptedRequest.id, rejectedRequest.id].sort());
  });

  it('housing ends the tenancy through its own mutation and accepts: the discrepancy is gone', async () => {
    const endedOn = yesterdayInChina(); // once: the test may run across midnight in China
    const send = endTenancy(departedTenancy, endedOn, acceptedRequest.id);
    const ended = await as(housingOfficer, END_TENANCY, send);
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endTenancy).toEqual({ id: departedTenancy, endOn: endedOn, current: false });
    const [history] = await sql('housing', 'select before, after, correction_request_id from tenancy_correction where tenancy_id = $1 and correction_request_id = $2', [
      departedTenancy,
      acceptedRequest.id,
    ]);
    expect(history).toMatchObject({ before: { endOn: null }, after: { endOn: endedOn }, correction_request_id: acceptedRequest.id });
    expect(await changesOf('housing', departedTenancy)).toEqual([
      { operation: 'endTenancy', before: { endOn: null }, after: { endOn: endedOn, correctionRequestId: acceptedRequest.id }, client_request_id: send.input.clientRequestId },
    ]);
    // The same write sent again (its answer lost) answers the tenancy it ended and writes nothing twice.
    const retried = await as(housingOfficer, END_TENANCY, send);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.endTenancy).toEqual(ended.data.endTenancy);
    const tenancyHistory = { table: 'tenancy_correction', column: 'tenancy_id' };
    expect(await traces('housing', tenancyHistory, departedTenancy, housingOfficer, 'housing.tenancy.correction', departedTenant.personId)).toEqual({
      history: 1,
      recordChanges: 1,
      accessEvents: 1,
    });
    // A tenancy has no version: ending it again, as a new write, is refused because it has ended.
    expect(codes(await as(housingOfficer, END_TENANCY, endTenancy(departedTenancy, endedOn)))).toEqual(['BAD_USER_INPUT']);
    const accepted = await as(housingOfficer, ACCEPT, { id: acceptedRequest.id, version: acceptedRequest.version, answer: '已登记退租' });
    expect(accepted.errors).toBeUndefined();
    expect(about(await report(), 'TENANT_WITHOUT_FLOATING_REGISTRATION', departedTenant.personId)).toBeUndefined();
  });

  it('housing rejects the other with a reason: it stays listed, disputed, with the reason', async () => {
    expect(codes(await as(housingOfficer, REJECT, { id: rejectedRequest.id, version: rejectedRequest.version, reason: '  ' }))).toEqual(['BAD_USER_INPUT']);
    const rejected = await as(housingOfficer, REJECT, { id: rejectedRequest.id, version: rejectedRequest.version, reason: '租赁合同有效，承租人仍在住' });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.rejectCorrection).toMatchObject({ status: 'REJECTED', answer: '租赁合同有效，承租人仍在住', version: 2 });
    const still = about(await report(), 'TENANT_WITHOUT_FLOATING_REGISTRATION', disputedTenant.personId)!;
    expect(still.disputed).toBe(true);
    expect(still.correction).toMatchObject({ id: rejectedRequest.id, status: 'REJECTED', answer: '租赁合同有效，承租人仍在住', targetDepartment: 'HOUSING' });
    // Public security, party to the discrepancy, sees that it is disputed but not housing's request or answer.
    const policeView = await as(police, DISCREPANCIES, { region: GRID });
    expect(policeView.errors).toBeUndefined();
    expect(about(policeView.data.discrepancies.nodes, 'TENANT_WITHOUT_FLOATING_REGISTRATION', disputedTenant.personId)).toMatchObject({ disputed: true, correction: null });
    // A rejected correction may be raised again, e.g. to the other side.
    const again = await as(gridCenter, RAISE, { input: { discrepancyId: still.id, targetDepartment: 'PUBLIC_SECURITY', proposedCorrection: '请为承租人办理居住登记' } });
    expect(again.errors).toBeUndefined();
    expect(again.data.raiseCorrection).toMatchObject({ targetDepartment: 'PUBLIC_SECURITY', recordType: 'Person', recordId: disputedTenant.personId });
  });
});

describe('population records that a resident whose permit lapsed has left, and accepts', () => {
  it('raised to population, corrected by population alone, accepted: the discrepancy is gone', async () => {
    const movedOutOn = yesterdayInChina(); // once: the test may run across midnight in China
    const found = about(await report(), 'PERMIT_LAPSED_STILL_REGISTERED', leftResident.personId)!;
    expect(found.departments).toEqual(['PUBLIC_SECURITY', 'POPULATION']);
    const raised = await as(gridCenter, RAISE, { input: { discrepancyId: found.id, targetDepartment: 'POPULATION', proposedCorrection: '居住证已过期，网格员走访确认本人已离开，请登记迁离' } });
    expect(raised.errors).toBeUndefined();
    const request = raised.data.raiseCorrection;
    expect(request).toMatchObject({ targetDepartment: 'POPULATION', recordType: 'Person', recordId: leftResident.personId });
    const queue = await as(populationOfficer, QUEUE, { status: 'RAISED' });
    expect(queue.data.correctionRequests.nodes.map((n: { id: string }) => n.id)).toEqual([request.id]);

    // Only population writes its register: public security, party to the discrepancy, is refused by the policy.
    expect(codes(await as(police, MOVE_OUT, moveOut(leftResident.personId, movedOutOn, 1)))).toEqual(['FORBIDDEN']);
    expect(codes(await as({ ...populationOfficer, jurisdiction: SEEDED_DISTRICT }, MOVE_OUT, moveOut(leftResident.personId, movedOutOn, 1)))).toEqual(['OUT_OF_JURISDICTION']);
    const send = moveOut(leftResident.personId, movedOutOn, 1, request.id);
    const moved = await as(populationOfficer, MOVE_OUT, send);
    expect(moved.errors).toBeUndefined();
    const correction = moved.data.recordMoveOut;
    expect(correction).toMatchObject({ personId: leftResident.personId, correctionRequestId: request.id });
    expect(JSON.parse(correction.before)).toEqual({ residenceDwellingId: leftResident.dwellingId, residenceGridCode: GRID, residenceSince: '2025-01-01', version: 1 });
    expect(JSON.parse(correction.after)).toEqual({ residenceDwellingId: null, residenceGridCode: null, residenceSince: null, version: 2, movedOutOn: movedOutOn });
    expect(await changesOf('population', leftResident.personId)).toEqual([
      {
        operation: 'recordMoveOut',
        before: JSON.parse(correction.before),
        after: { ...JSON.parse(correction.after), correctionRequestId: request.id },
        client_request_id: send.input.clientRequestId,
      },
    ]);

    // The answer was lost and the same write is sent again: the move-out already recorded, not "no residence left".
    const retried = await as(populationOfficer, MOVE_OUT, send);
    expect(retried.errors).toBeUndefined();
    // The same correction, re-read (its before and after as JSON, whose keys PostgreSQL keeps in an order of its own).
    const parsed = (c: { before: string; after: string }) => ({ ...c, before: JSON.parse(c.before), after: JSON.parse(c.after) });
    expect(parsed(retried.data.recordMoveOut)).toEqual(parsed(correction));
    // A PersonCorrection's fields are of the write's class: the log holds the write once and each of the two answers read.
    const once = { history: 1, recordChanges: 1, accessEvents: 3 };
    const personHistory = { table: 'person_correction', column: 'person_id' };
    expect(await traces('population', personHistory, leftResident.personId, populationOfficer, 'person.correction', leftResident.personId)).toEqual(once);
    // A new move-out at the version seen before this one is stale, not "no residence left".
    const stale = await as(populationOfficer, MOVE_OUT, moveOut(leftResident.personId, movedOutOn, 1, request.id));
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(messages(stale)).toContain('at version 2, you saw 1');
    // The race: a 迁移登记 prepared on the record as it was before the move-out is refused, not applied over it.
    const lateMove = await as(populationOfficer, MOVE, {
      input: { personId: leftResident.personId, expectedVersion: 1, dwellingId: await newDwelling(), gridCode: GRID, movedOn: movedOutOn, clientRequestId: randomUUID() },
    });
    expect(codes(lateMove)).toEqual(['CONFLICT']);
    expect(await sql('population', 'select residence_dwelling_id, version from person where id = $1', [leftResident.personId])).toEqual([{ residence_dwelling_id: null, version: 2 }]);
    expect(await traces('population', personHistory, leftResident.personId, populationOfficer, 'person.correction', leftResident.personId)).toEqual(once);

    const accepted = await as(populationOfficer, ACCEPT, { id: request.id, version: 1, answer: '已登记迁离' });
    expect(accepted.errors).toBeUndefined();
    expect(about(await report(), 'PERMIT_LAPSED_STILL_REGISTERED', leftResident.personId)).toBeUndefined();
  });
});

describe('bad correction requests get coded errors', () => {
  let discrepancyId: string;
  beforeAll(async () => {
    const extra = await newResident();
    await newTenancy(extra);
    discrepancyId = about(await report(), 'TENANT_WITHOUT_FLOATING_REGISTRATION', extra.personId)!.id;
  });

  it('an id the report did not give, or one altered, is an unknown discrepancy', async () => {
    const [payload, mac] = discrepancyId.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const altered = `${Buffer.from(JSON.stringify({ ...decoded, r: [['HOUSING', 'Tenancy', '1']] })).toString('base64url')}.${mac}`;
    for (const id of ['nonsense', altered, `${payload}.AAAAAAAAAAAAAAAAAAAAAA`]) {
      const response = await as(gridCenter, RAISE, { input: { discrepancyId: id, targetDepartment: 'HOUSING', proposedCorrection: '更正' } });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(messages(response)).toContain('UNKNOWN_DISCREPANCY');
    }
  });

  it("a department that is not one of the discrepancy's is the wrong target", async () => {
    const response = await as(gridCenter, RAISE, { input: { discrepancyId, targetDepartment: 'CIVIL_AFFAIRS', proposedCorrection: '更正' } });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(messages(response)).toContain('WRONG_TARGET_DEPARTMENT');
  });

  it('a grid center of another jurisdiction may not raise it; a department may not raise at all; an empty proposal is refused', async () => {
    expect(codes(await as(foreignGridCenter, RAISE, { input: { discrepancyId, targetDepartment: 'HOUSING', proposedCorrection: '更正' } }))).toEqual(['OUT_OF_JURISDICTION']);
    expect(codes(await as(housingOfficer, RAISE, { input: { discrepancyId, targetDepartment: 'HOUSING', proposedCorrection: '更正' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(gridCenter, RAISE, { input: { discrepancyId, targetDepartment: 'HOUSING', proposedCorrection: ' ' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('two answers at once: exactly one wins, the other is a CONFLICT; a stale version is a CONFLICT too', async () => {
    const raised = await as(gridCenter, RAISE, { input: { discrepancyId, targetDepartment: 'HOUSING', proposedCorrection: '请核实租赁是否仍在' } });
    expect(raised.errors).toBeUndefined();
    const { id } = raised.data.raiseCorrection;
    expect(codes(await as(housingOfficer, ACCEPT, { id, version: 7 }))).toEqual(['CONFLICT']);
    const answers = await Promise.all([
      as(housingOfficer, ACCEPT, { id, version: 1, answer: '已核实' }),
      as(housingOfficer, REJECT, { id, version: 1, reason: '租赁仍有效' }),
      as(housingOfficer, ACCEPT, { id, version: 1, answer: '已核实（重复提交）' }),
    ]);
    const won = answers.filter((a) => !a.errors);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.errors).map(codes)).toEqual([['CONFLICT'], ['CONFLICT']]);
    const [{ count }] = await sql('grid', `select count(*)::int as count from correction_request_history where request_id = $1 and action <> 'RAISED'`, [id]);
    expect(count).toBe(1);
  });

  it('an unknown or malformed request id is BAD_USER_INPUT', async () => {
    expect(codes(await as(housingOfficer, ACCEPT, { id: 'CR000000000000000000000', version: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await as(housingOfficer, ACCEPT, { id: 'x', version: 1 }))).toEqual(['BAD_USER_INPUT']);
  });
});
