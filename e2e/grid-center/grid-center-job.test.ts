/**
 * The grid center's job (issue #4, part 3): a grid worker opens their grid, pages through its residents,
 * dwellings and households, reads its summary, and lists the cross-department discrepancies of the region —
 * finding exactly the cases the seed planted, each naming the departments and records that disagree. Other
 * purposes see what the policy gives them. Real subgraph processes and the real gateway, against the seeded
 * test district.
 */
import type { Purpose } from '@hub/access';
import { postGraphQL, startHub, testSeedManifest, userToken, type GraphQLResponse, type RunningHub, type TestUser } from '@hub/testkit';

const DISTRICT = '120112';
const manifest = testSeedManifest();
const planted = manifest.planted;

let hub: RunningHub;

async function as(user: TestUser, purpose: Purpose, query: string, variables: Record<string, unknown> = {}, caseId?: string): Promise<GraphQLResponse> {
  const token = await userToken(user);
  return postGraphQL(hub.gatewayUrl, query, variables, { authorization: `Bearer ${token}`, 'x-purpose': purpose, ...(caseId ? { 'x-case-id': caseId } : {}) });
}

const gridWorker = (grid: string): TestUser => ({ dept: 'GRID', jurisdiction: grid, role: 'GRID_WORKER' });
const gridOfficer: TestUser = { dept: 'GRID', jurisdiction: DISTRICT };
const codes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const DISCREPANCIES = `
  query($region: String!, $first: Int, $after: String, $asOf: String) {
    discrepancies(regionCode: $region, first: $first, after: $after, asOf: $asOf) {
      regionCode asOf totalCount
      nodes { kind departments description detail gridCode records { department recordType recordId } person { id name idNumber } household { id } dwelling { id address } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface Found {
  kind: string;
  departments: string[];
  detail: string | null;
  gridCode: string;
  records: Array<{ department: string; recordType: string; recordId: string }>;
  person: { id: string; name: string | null; idNumber: string | null } | null;
  household: { id: string } | null;
  dwelling: { id: string; address: string | null } | null;
}

/** Every discrepancy of a region, page by page. */
async function allDiscrepancies(user: TestUser, purpose: Purpose, region: string, pageSize: number): Promise<{ nodes: Found[]; totalCount: number; pages: number }> {
  const nodes: Found[] = [];
  let after: string | null = null;
  let totalCount: number;
  let pages = 0;
  for (;;) {
    const response: GraphQLResponse = await as(user, purpose, DISCREPANCIES, { region, first: pageSize, after, asOf: manifest.today });
    expect(response.errors).toBeUndefined();
    const report = response.data.discrepancies;
    totalCount = report.totalCount;
    nodes.push(...report.nodes);
    pages++;
    if (!report.pageInfo.hasNextPage) break;
    after = report.pageInfo.endCursor;
  }
  return { nodes, totalCount, pages };
}

const recordIdsOf = (found: Found, department: string, recordType: string) =>
  found.records
    .filter((r) => r.department === department && r.recordType === recordType)
    .map((r) => r.recordId)
    .sort();
const ofKind = (nodes: Found[], kind: string) => nodes.filter((n) => n.kind === kind);
const sorted = (values: Array<string | null | undefined>) => [...values].map(String).sort();

/** The grid with the most planted discrepancies: the grid worker's grid in these scenarios. */
const busiestGrid = (() => {
  const counts = new Map<string, number>();
  const grids = [
    ...planted.deceasedWithActiveAssistance,
    ...planted.floatingRegisteredElsewhere,
    ...planted.lapsedPermitStillActive,
    ...planted.tenantWithoutFloatingRegistration,
    ...planted.assistanceHouseholdExcessDwellings,
    ...planted.assistanceHouseholdNonExemptVehicle,
  ].map((p) => p.gridCode);
  for (const grid of grids) counts.set(grid, (counts.get(grid) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
})();

beforeAll(async () => {
  hub = await startHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('a grid worker opens their grid', () => {
  const GRID_PAGE = `
    query($code: String!, $first: Int, $residents: String, $dwellings: String, $households: String) {
      grid(code: $code) {
        code name
        residents(first: $first, after: $residents) { totalCount nodes { id name } pageInfo { hasNextPage endCursor } }
        dwellingsConnection(first: $first, after: $dwellings) { totalCount nodes { id address } pageInfo { hasNextPage endCursor } }
        households(first: $first, after: $households) { totalCount nodes { id householdNumber members { relationToHead } } pageInfo { hasNextPage endCursor } }
      }
    }`;

  it('pages through its residents, dwellings and households, each exactly once and as many as the totals say', async () => {
    const seen = { residents: new Set<string>(), dwellings: new Set<string>(), households: new Set<string>() };
    const totals = { residents: 0, dwellings: 0, households: 0 };
    const cursors: Record<keyof typeof seen, string | null> = { residents: null, dwellings: null, households: null };
    const more = { residents: true, dwellings: true, households: true };
    const latencies: number[] = [];
    while (more.residents || more.dwellings || more.households) {
      const { result, ms } = await timed(() => as(gridWorker(busiestGrid), 'GRID_SERVICE', GRID_PAGE, { code: busiestGrid, first: 50, ...cursors }));
      latencies.push(ms);
      expect(result.errors).toBeUndefined();
      const grid = result.data.grid;
      for (const list of ['residents', 'dwellings', 'households'] as const) {
        const connection = grid[list === 'dwellings' ? 'dwellingsConnection' : list];
        totals[list] = connection.totalCount;
        if (!more[list]) continue;
        for (const node of connection.nodes) {
          expect(seen[list].has(node.id)).toBe(false);
          seen[list].add(node.id);
        }
        more[list] = connection.pageInfo.hasNextPage;
        cursors[list] = connection.pageInfo.endCursor;
      }
    }
    expect(seen.residents.size).toBe(totals.residents);
    expect(seen.dwellings.size).toBe(totals.dwellings);
    expect(seen.households.size).toBe(totals.households);
    expect(totals.residents).toBeGreaterThan(50);
    expect(totals.households).toBeGreaterThan(10);
    process.stderr.write(
      `[grid-center] grid page (50 residents + 50 dwellings + 50 households): median ${latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)].toFixed(0)} ms over ${latencies.length} pages\n`,
    );
  });

  it('keeps the contract: dwellings(first, after) is still a plain list in the same order', async () => {
    const response = await as(gridWorker(busiestGrid), 'GRID_SERVICE', 'query($c: String!) { grid(code: $c) { dwellings(first: 5) { id } dwellingsConnection(first: 5) { nodes { id } } } }', {
      c: busiestGrid,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.grid.dwellings).toEqual(response.data.grid.dwellingsConnection.nodes);
  });
});

describe('the grid summary', () => {
  const SUMMARY = 'query($c: String!) { grid(code: $c) { residentCount floatingCount receivingAssistanceCount needsAttentionCount elderlyLivingAloneCount residents(first: 0) { totalCount } } }';

  it('gives the grid center every count exactly, the elderly living alone as the seed planted them', async () => {
    const { result, ms } = await timed(() => as(gridWorker(busiestGrid), 'GRID_SERVICE', SUMMARY, { c: busiestGrid }));
    expect(result.errors).toBeUndefined();
    const summary = result.data.grid;
    for (const count of ['residentCount', 'floatingCount', 'receivingAssistanceCount', 'needsAttentionCount', 'elderlyLivingAloneCount']) expect(summary[count]).toMatch(/^\d+$/);
    expect(Number(summary.elderlyLivingAloneCount)).toBe(planted.elderlyLivingAlone.filter((e) => e.gridCode === busiestGrid).length);
    expect(Number(summary.residentCount)).toBeLessThanOrEqual(summary.residents.totalCount); // the living, of everyone registered there
    expect(Number(summary.floatingCount)).toBeLessThan(Number(summary.residentCount));
    process.stderr.write(`[grid-center] grid summary (5 counts, 3 departments): ${ms.toFixed(0)} ms\n`);
  });

  it('reports a small count as "<5" to a purpose not allowed the records behind it, and exactly to one that is', async () => {
    const ALL = `query { grids(regionCode: "${DISTRICT}") { code receivingAssistanceCount needsAttentionCount elderlyLivingAloneCount residentCount } }`;
    const exact = await as(gridOfficer, 'GRID_SERVICE', ALL);
    const housing = await as({ dept: 'HOUSING', jurisdiction: DISTRICT }, 'HOUSING_ADMINISTRATION', ALL);
    const police = await as({ dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT }, 'FLOATING_POPULATION_MANAGEMENT', ALL);
    for (const response of [exact, housing, police]) expect(response.errors).toBeUndefined();
    let suppressed = 0;
    exact.data.grids.forEach((grid: Record<string, string>, index: number) => {
      const seenByHousing = housing.data.grids[index];
      const seenByPolice = police.data.grids[index];
      for (const count of ['receivingAssistanceCount', 'needsAttentionCount', 'elderlyLivingAloneCount']) {
        const value = Number(grid[count]);
        expect(seenByHousing[count]).toBe(value < 5 ? '<5' : String(value)); // housing may see none of these records
        if (value < 5) suppressed++;
      }
      expect(seenByHousing.residentCount).toBe(grid.residentCount); // housing may list the residents
      expect(seenByPolice.needsAttentionCount).toBe(grid.needsAttentionCount); // Person.needsAttention is CLEAR for the police
      expect(seenByPolice.receivingAssistanceCount).toBe(Number(grid.receivingAssistanceCount) < 5 ? '<5' : grid.receivingAssistanceCount);
    });
    expect(suppressed).toBeGreaterThan(0);
  });

  it('is refused to audit and to civil affairs, who work by log and by case', async () => {
    const query = `query { grid(code: "${busiestGrid}") { code residentCount } }`;
    const audit = await as({ dept: 'AUDIT', jurisdiction: DISTRICT, role: 'AUDITOR' }, 'ACCESS_AUDIT', query);
    const application = planted.eligibleApplications.find((a) => a.authorizationOnFile)!;
    const civil = await as({ dept: 'CIVIL_AFFAIRS', jurisdiction: DISTRICT }, 'SUBSISTENCE_REVIEW', query, {}, application.applicationId);
    for (const response of [audit, civil]) expect(codes(response)).toContain('FORBIDDEN');
  });
});

describe('cross-department discrepancies', () => {
  let district: { nodes: Found[]; totalCount: number; pages: number };

  beforeAll(async () => {
    const { result, ms } = await timed(() => allDiscrepancies(gridOfficer, 'GRID_SERVICE', DISTRICT, 7));
    district = result;
    process.stderr.write(
      `[grid-center] discrepancies of the district (${manifest.residents} residents, ${result.totalCount} found): ${(ms / result.pages).toFixed(0)} ms per page of 7, ${result.pages} pages\n`,
    );
  });

  it('pages through the district and finds every discrepancy once', () => {
    expect(district.nodes).toHaveLength(district.totalCount);
    const keys = district.nodes.map((n) => `${n.kind}|${n.records.map((r) => r.recordId).join(',')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(district.pages).toBeGreaterThan(1);
  });

  it('finds exactly the deceased the seed left with active assistance, naming population and civil affairs', () => {
    const found = ofKind(district.nodes, 'DECEASED_WITH_ACTIVE_ASSISTANCE');
    expect(sorted(found.map((f) => f.person?.id))).toEqual(sorted(planted.deceasedWithActiveAssistance.map((p) => p.personId)));
    for (const f of found) {
      const expected = planted.deceasedWithActiveAssistance.find((p) => p.personId === f.person!.id)!;
      expect(f.departments).toEqual(['POPULATION', 'CIVIL_AFFAIRS']);
      expect(recordIdsOf(f, 'POPULATION', 'Person')).toEqual([expected.personId]);
      expect(recordIdsOf(f, 'CIVIL_AFFAIRS', 'AssistanceRecord').length).toBeGreaterThan(0);
      expect(f.detail).toBe(`DIED:${expected.deathDate}`);
      expect(f.household?.id).toBe(expected.householdId);
      expect(f.gridCode).toBe(expected.gridCode);
    }
  });

  it('finds exactly the floating residents registered at another dwelling than where they live', () => {
    const found = ofKind(district.nodes, 'FLOATING_REGISTERED_ELSEWHERE');
    expect(sorted(found.flatMap((f) => recordIdsOf(f, 'PUBLIC_SECURITY', 'FloatingRegistration')))).toEqual(sorted(planted.floatingRegisteredElsewhere.map((p) => p.registrationId)));
    for (const f of found) {
      const expected = planted.floatingRegisteredElsewhere.find((p) => p.personId === f.person!.id)!;
      expect(f.departments).toEqual(['PUBLIC_SECURITY', 'POPULATION']);
      expect(f.dwelling?.id).toBe(expected.residenceDwellingId);
      expect(f.detail).toBe(`REGISTERED_AT:${expected.registeredDwellingId}`);
    }
  });

  it('finds exactly the 低保 households owning more dwellings than the limit, with the dwellings', () => {
    const found = ofKind(district.nodes, 'ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS');
    expect(sorted(found.map((f) => f.household?.id))).toEqual(sorted(planted.assistanceHouseholdExcessDwellings.map((p) => p.householdId)));
    for (const f of found) {
      const expected = planted.assistanceHouseholdExcessDwellings.find((p) => p.householdId === f.household!.id)!;
      expect(f.departments).toEqual(['CIVIL_AFFAIRS', 'HOUSING']);
      expect(recordIdsOf(f, 'HOUSING', 'Dwelling')).toEqual(sorted(expected.recordIds));
      expect(recordIdsOf(f, 'CIVIL_AFFAIRS', 'AssistanceRecord').length).toBeGreaterThan(0);
      expect(f.person?.id).toBe(expected.personId);
    }
  });

  it('finds exactly the 低保 households owning a non-exempt vehicle, with the vehicle', () => {
    const found = ofKind(district.nodes, 'ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE');
    expect(sorted(found.map((f) => f.household?.id))).toEqual(sorted(planted.assistanceHouseholdNonExemptVehicle.map((p) => p.householdId)));
    for (const f of found) {
      const expected = planted.assistanceHouseholdNonExemptVehicle.find((p) => p.householdId === f.household!.id)!;
      expect(f.departments).toEqual(['CIVIL_AFFAIRS', 'PUBLIC_SECURITY']);
      expect(recordIdsOf(f, 'PUBLIC_SECURITY', 'Vehicle')).toEqual(expected.recordIds);
    }
  });

  it('finds exactly the lapsed permits of people still registered as living there', () => {
    const found = ofKind(district.nodes, 'PERMIT_LAPSED_STILL_REGISTERED');
    expect(sorted(found.flatMap((f) => recordIdsOf(f, 'PUBLIC_SECURITY', 'FloatingRegistration')))).toEqual(sorted(planted.lapsedPermitStillActive.map((p) => p.registrationId)));
    for (const f of found) {
      const expected = planted.lapsedPermitStillActive.find((p) => p.personId === f.person!.id)!;
      expect(f.detail).toBe(expected.reason);
      expect(f.departments).toEqual(['PUBLIC_SECURITY', 'POPULATION']);
    }
  });

  it('finds exactly the floating tenants without a registration, with the tenancy', () => {
    const found = ofKind(district.nodes, 'TENANT_WITHOUT_FLOATING_REGISTRATION');
    expect(sorted(found.map((f) => f.person?.id))).toEqual(sorted(planted.tenantWithoutFloatingRegistration.map((p) => p.personId)));
    for (const f of found) {
      const expected = planted.tenantWithoutFloatingRegistration.find((p) => p.personId === f.person!.id)!;
      expect(f.departments).toEqual(['HOUSING', 'POPULATION', 'PUBLIC_SECURITY']);
      expect(f.dwelling?.id).toBe(expected.dwellingId);
      expect(recordIdsOf(f, 'HOUSING', 'Tenancy')).toHaveLength(1);
    }
  });

  it('finds nothing else: every discrepancy is one of the planted cases', () => {
    const plantedCount =
      planted.deceasedWithActiveAssistance.length +
      planted.floatingRegisteredElsewhere.length +
      planted.assistanceHouseholdExcessDwellings.length +
      planted.assistanceHouseholdNonExemptVehicle.length +
      planted.lapsedPermitStillActive.length +
      planted.tenantWithoutFloatingRegistration.length;
    expect(district.totalCount).toBe(plantedCount);
  });

  it('gives the grid center the person through the Person policy: name clear, ID number masked', () => {
    const person = district.nodes.find((n) => n.person)!.person!;
    expect(person.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(person.idNumber).toMatch(/^\d{3}\*{13}\d[\dX]$/);
  });

  it('shows a grid worker only their own grid, wherever they ask from within it', async () => {
    const own = await allDiscrepancies(gridWorker(busiestGrid), 'GRID_SERVICE', busiestGrid, 50);
    const expected = district.nodes.filter((n) => n.gridCode === busiestGrid);
    expect(own.nodes.map((n) => n.records)).toEqual(expected.map((n) => n.records));
    expect(own.totalCount).toBeGreaterThan(0);
    const wider = await as(gridWorker(busiestGrid), 'GRID_SERVICE', DISCREPANCIES, { region: DISTRICT, asOf: manifest.today, first: 500 });
    expect(wider.data.discrepancies.regionCode).toBe(busiestGrid); // the district narrows to the worker's grid
    expect(wider.data.discrepancies.totalCount).toBe(own.totalCount);
  });

  it('refuses a region or grid outside the jurisdiction with OUT_OF_JURISDICTION', async () => {
    const elsewhere = planted.lapsedPermitStillActive.map((p) => p.gridCode).find((grid) => grid.slice(0, 9) !== busiestGrid.slice(0, 9))!;
    const worker = gridWorker(busiestGrid);
    const report = await as(worker, 'GRID_SERVICE', DISCREPANCIES, { region: elsewhere.slice(0, 9) });
    expect(report.data?.discrepancies ?? null).toBeNull();
    expect(codes(report)).toEqual(['OUT_OF_JURISDICTION']);
    const grid = await as(worker, 'GRID_SERVICE', 'query($c: String!) { grid(code: $c) { code residentCount } }', { c: elsewhere });
    expect(grid.data?.grid ?? null).toBeNull();
    expect(codes(grid)).toContain('OUT_OF_JURISDICTION');
    const otherDistrict = await as(gridOfficer, 'GRID_SERVICE', DISCREPANCIES, { region: '510304' });
    expect(codes(otherDistrict)).toEqual(['OUT_OF_JURISDICTION']);
  });

  it('refuses malformed codes, dates and page sizes with BAD_USER_INPUT and a message that says what is wrong', async () => {
    for (const variables of [
      { region: '12011' },
      { region: '1201120010010011' },
      { region: '12011200A' },
      { region: DISTRICT, asOf: '2026-02-30' },
      { region: DISTRICT, first: 501 },
      { region: DISTRICT, after: 'not-a-cursor' },
    ]) {
      const response = await as(gridOfficer, 'GRID_SERVICE', DISCREPANCIES, variables);
      expect({ variables, codes: codes(response) }).toEqual({ variables, codes: ['BAD_USER_INPUT'] });
      expect(response.errors![0].message.length).toBeGreaterThan(15);
    }
    const grid = await as(gridOfficer, 'GRID_SERVICE', 'query { grid(code: "12011200100100") { code } }');
    expect(codes(grid)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('what other purposes see of the discrepancies', () => {
  const kindsSeenBy = async (user: TestUser, purpose: Purpose) => new Set((await allDiscrepancies(user, purpose, DISTRICT, 500)).nodes.map((n) => n.kind));

  it('population administration: only the kinds whose facts it may see (floating registration and residence)', async () => {
    expect(await kindsSeenBy({ dept: 'POPULATION', jurisdiction: DISTRICT }, 'POPULATION_ADMINISTRATION')).toEqual(new Set(['FLOATING_REGISTERED_ELSEWHERE', 'PERMIT_LAPSED_STILL_REGISTERED']));
  });

  it('floating-population management and case investigation: the registration kinds and the unregistered tenants', async () => {
    const expected = new Set(['FLOATING_REGISTERED_ELSEWHERE', 'PERMIT_LAPSED_STILL_REGISTERED', 'TENANT_WITHOUT_FLOATING_REGISTRATION']);
    expect(await kindsSeenBy({ dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT }, 'FLOATING_POPULATION_MANAGEMENT')).toEqual(expected);
    const token = await userToken({ dept: 'PUBLIC_SECURITY', jurisdiction: DISTRICT });
    const response = await postGraphQL(
      hub.gatewayUrl,
      DISCREPANCIES,
      { region: DISTRICT, first: 500, asOf: manifest.today },
      { authorization: `Bearer ${token}`, 'x-purpose': 'CASE_INVESTIGATION', 'x-case-id': 'XJ-2026-0042' },
    );
    expect(response.errors).toBeUndefined();
    expect(new Set(response.data.discrepancies.nodes.map((n: Found) => n.kind))).toEqual(expected);
  });

  it('housing, civil affairs (by case) and audit: FORBIDDEN', async () => {
    const housing = await as({ dept: 'HOUSING', jurisdiction: DISTRICT }, 'HOUSING_ADMINISTRATION', DISCREPANCIES, { region: DISTRICT });
    const audit = await as({ dept: 'AUDIT', jurisdiction: DISTRICT, role: 'AUDITOR' }, 'ACCESS_AUDIT', DISCREPANCIES, { region: DISTRICT });
    const application = planted.eligibleApplications.find((a) => a.authorizationOnFile)!;
    const civil = await as({ dept: 'CIVIL_AFFAIRS', jurisdiction: DISTRICT }, 'SUBSISTENCE_REVIEW', DISCREPANCIES, { region: DISTRICT }, application.applicationId);
    for (const response of [housing, audit, civil]) {
      expect(response.data?.discrepancies ?? null).toBeNull();
      expect(codes(response)).toEqual(['FORBIDDEN']);
    }
  });
});
