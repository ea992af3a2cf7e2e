import 'reflect-metadata';
import type { Purpose } from '@hub/access';
import type { RunningSubgraph } from '@hub/subgraph-kit';
import { startSubgraph } from '@hub/subgraph-kit';
import { internalToken, isolatedDatabaseName, postGraphQL } from '@hub/testkit';
import { gridSubgraph } from '../src/subgraph';

/**
 * The grid center's half of the discrepancy report, alone: the root validates and narrows the region, and the
 * report merges, filters and pages the findings the departments would hand it (here given in the representation,
 * as the gateway would after @requires).
 */
const GRID = '120112100398001';
const OTHER_GRID = '120112100399001';
let running: RunningSubgraph;

async function call(text: string, variables: Record<string, unknown>, purpose: Purpose = 'GRID_SERVICE', jurisdiction = '120112') {
  const dept = ({ GRID_SERVICE: 'GRID', POPULATION_ADMINISTRATION: 'POPULATION', HOUSING_ADMINISTRATION: 'HOUSING' } as const)[purpose as 'GRID_SERVICE'];
  const headers = { 'x-gridhub-internal-token': await internalToken({ dept, jurisdiction, purpose }) };
  return postGraphQL(running.url, text, variables, headers);
}

const finding = (kind: string, gridCode: string, personId: string, recordId: string) => ({
  kind,
  gridCode,
  personId,
  householdId: null,
  dwellingId: null,
  detail: null,
  records: [
    { department: 'POPULATION', recordType: 'Person', recordId: personId },
    { department: 'PUBLIC_SECURITY', recordType: 'FloatingRegistration', recordId },
  ],
});

const REPORT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DiscrepancyReport { regionCode asOf totalCount
  nodes { kind departments gridCode records { recordId } person { id } } pageInfo { hasNextPage endCursor } } } }`;

function representation(prefix: string, first: number, after = '') {
  return {
    __typename: 'DiscrepancyReport',
    id: `${prefix}|2026-11-25|${first}|${after}`,
    populationFindings: JSON.stringify([
      finding('PERMIT_LAPSED_STILL_REGISTERED', GRID, 'P2', 'F2'),
      finding('FLOATING_REGISTERED_ELSEWHERE', GRID, 'P1', 'F1'),
      finding('FLOATING_REGISTERED_ELSEWHERE', OTHER_GRID, 'P9', 'F9'),
    ]),
    civilAffairsFindings: JSON.stringify([
      { ...finding('DECEASED_WITH_ACTIVE_ASSISTANCE', GRID, 'P3', 'R3'), records: [{ department: 'CIVIL_AFFAIRS', recordType: 'AssistanceRecord', recordId: 'R3' }] },
    ]),
    housingFindings: null,
    publicSecurityFindings: '[]',
  };
}

beforeAll(async () => {
  running = await startSubgraph(gridSubgraph, { serverUrl: process.env.DATABASE_URL!, databaseName: isolatedDatabaseName('grid'), port: 0 });
});

afterAll(async () => {
  await running?.stop();
});

describe('discrepancies (grid subgraph alone)', () => {
  it('narrows a wider region to the jurisdiction and names the report by region, date and page', async () => {
    const response = await call('query { discrepancies(regionCode: "120112", asOf: "2026-11-25", first: 3) { id regionCode asOf } }', {}, 'GRID_SERVICE', GRID);
    expect(response.errors).toBeUndefined();
    expect(response.data.discrepancies).toEqual({ id: `${GRID}|2026-11-25|3|`, regionCode: GRID, asOf: '2026-11-25' });
  });

  it('refuses malformed input with BAD_USER_INPUT and another region with OUT_OF_JURISDICTION', async () => {
    const bad = await call('query($r: String!, $d: String) { discrepancies(regionCode: $r, asOf: $d) { id } }', { r: '1201', d: null });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const date = await call('query($r: String!, $d: String) { discrepancies(regionCode: $r, asOf: $d) { id } }', { r: '120112', d: '25.11.2026' });
    expect(date.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const other = await call('query { discrepancies(regionCode: "120112001") { id } }', {}, 'GRID_SERVICE', GRID);
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['OUT_OF_JURISDICTION']);
  });

  it("merges the departments' findings of the region in grid, kind and record order, and pages them by cursor", async () => {
    const first = await call(REPORT, { r: [representation(GRID, 2)] });
    expect(first.errors).toBeUndefined();
    const page1 = first.data._entities[0];
    expect(page1.totalCount).toBe(3); // the other grid's finding is not this report's
    expect(page1.nodes.map((n: { kind: string }) => n.kind)).toEqual(['DECEASED_WITH_ACTIVE_ASSISTANCE', 'FLOATING_REGISTERED_ELSEWHERE']);
    expect(page1.nodes[1].departments).toEqual(['PUBLIC_SECURITY', 'POPULATION']);
    expect(page1.nodes[1].person).toEqual({ id: 'P1' });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const after = Buffer.from(page1.pageInfo.endCursor, 'base64url').toString('utf8').slice(2);
    const second = await call(REPORT, { r: [representation(GRID, 2, after)] });
    expect(second.data._entities[0].nodes.map((n: { kind: string }) => n.kind)).toEqual(['PERMIT_LAPSED_STILL_REGISTERED']);
    expect(second.data._entities[0].pageInfo.hasNextPage).toBe(false);
  });

  it('keeps only the kinds the purpose may know, and refuses a report outside the jurisdiction', async () => {
    const population = await call(REPORT, { r: [representation(GRID, 20)] }, 'POPULATION_ADMINISTRATION');
    expect(population.data._entities[0].nodes.map((n: { kind: string }) => n.kind)).toEqual(['FLOATING_REGISTERED_ELSEWHERE', 'PERMIT_LAPSED_STILL_REGISTERED']);
    const housing = await call(REPORT, { r: [representation(GRID, 20)] }, 'HOUSING_ADMINISTRATION');
    expect(housing.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    const outside = await call(REPORT, { r: [representation(OTHER_GRID, 20)] }, 'GRID_SERVICE', GRID);
    expect(outside.data._entities[0]).toBeNull();
    expect(outside.errors?.map((e) => e.extensions?.code)).toEqual(['OUT_OF_JURISDICTION']);
  });
});
