/**
 * The grid center asks one question that five departments answer: who lives in the district, where,
 * in which grid, whether they came from elsewhere, receive assistance, own dwellings or need attention.
 * Real subgraph processes and the real gateway, against the seeded test district.
 */
import { postGraphQL, startHub, userToken, type RunningHub } from '@hub/testkit';

const CROSS_DEPARTMENT_QUERY = `
  query People($filter: PersonFilter, $first: Int) {
    people(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        name
        residence { address grid { code } }
        floatingRegistration { inflowReason residenceType }
        receivesAssistance
        ownedDwellingCount
        needsAttention
      }
    }
  }`;

let hub: RunningHub;
let headers: Record<string, string>;

beforeAll(async () => {
  hub = await startHub();
  const token = await userToken({ dept: 'GRID', jurisdiction: '120112', role: 'OFFICER' });
  headers = { authorization: `Bearer ${token}`, 'x-purpose': 'GRID_SERVICE' };
});

afterAll(async () => {
  await hub?.stop();
});

describe('a grid-center officer joins records from all five departments in one query', () => {
  it('gets names, dwellings, grids and derived facts for the first residents', async () => {
    const result = await postGraphQL(hub.gatewayUrl, CROSS_DEPARTMENT_QUERY, { first: 5 }, headers);
    expect(result.errors).toBeUndefined();
    const { totalCount, nodes } = result.data.people;
    expect(totalCount).toBeGreaterThan(2000);
    expect(nodes).toHaveLength(5);
    for (const person of nodes) {
      expect(person.name).toMatch(/^\p{Script=Han}{2,4}$/u); // population
      expect(person.residence.address).toMatch(/^天津市津南区/); // housing
      expect(person.residence.grid.code).toMatch(/^120112\d{9}$/); // grid
      expect(typeof person.receivesAssistance).toBe('boolean'); // civil affairs
      expect(Number.isInteger(person.ownedDwellingCount)).toBe(true); // housing
      expect(typeof person.needsAttention).toBe('boolean'); // public security
    }
  });

  it('sees the police registration of floating residents', async () => {
    const result = await postGraphQL(hub.gatewayUrl, CROSS_DEPARTMENT_QUERY, { first: 10, filter: { populationType: 'FLOATING' } }, headers);
    expect(result.errors).toBeUndefined();
    expect(result.data.people.nodes.length).toBe(10);
    for (const person of result.data.people.nodes) {
      expect(person.floatingRegistration.inflowReason).toMatch(/^(0[1-9]|99)$/); // GB/T 31000 流入原因
    }
  });

  it('finds assistance recipients and people needing attention somewhere in the district', async () => {
    const seen = { assistance: 0, attention: 0, owners: 0 };
    let after: string | null = null;
    for (let page = 0; page < 8 && (seen.assistance === 0 || seen.attention === 0); page++) {
      const result: any = await postGraphQL(
        hub.gatewayUrl,
        'query($after: String) { people(first: 500, after: $after) { nodes { receivesAssistance needsAttention ownedDwellingCount } pageInfo { endCursor } } }',
        { after },
        headers,
      );
      expect(result.errors).toBeUndefined();
      for (const person of result.data.people.nodes) {
        if (person.receivesAssistance) seen.assistance++;
        if (person.needsAttention) seen.attention++;
        if (person.ownedDwellingCount > 0) seen.owners++;
      }
      after = result.data.people.pageInfo.endCursor;
    }
    expect(seen.assistance).toBeGreaterThan(0);
    expect(seen.attention).toBeGreaterThan(0);
    expect(seen.owners).toBeGreaterThan(0);
  });
});
