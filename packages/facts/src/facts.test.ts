import { ASSISTANCE_HOUSEHOLD, CURRENT_TENANCY, MalformedFactError, discrepancyFindings, readFacts, readHouseholdFacts, statedFacts } from './index';

describe('the cross-department facts', () => {
  const tenancy = { tenancyId: '7', personId: 'P1', dwellingId: 'D1', gridCode: '120112001001001' };

  it('reads what a department states, and absent facts as none', () => {
    expect(readFacts(CURRENT_TENANCY, statedFacts(CURRENT_TENANCY, [tenancy], 'current tenancies'))).toEqual([tenancy]);
    expect(readFacts(CURRENT_TENANCY, null)).toEqual([]);
    expect(readFacts(CURRENT_TENANCY, '')).toEqual([]);
  });

  it('rejects a malformed fact, naming the field, the fact and what is wrong', () => {
    const stated = JSON.stringify([tenancy, { ...tenancy, personId: 42 }]);
    expect(() => readFacts(CURRENT_TENANCY, stated)).toThrow(MalformedFactError);
    expect(() => readFacts(CURRENT_TENANCY, stated)).toThrow(/^DiscrepancyReport\.currentTenancies carries a malformed fact: \[1\]\.personId: /);
    expect(() => readFacts(ASSISTANCE_HOUSEHOLD, '{"householdId":"H1"}')).toThrow(/expected a JSON array/);
    expect(() => readFacts(ASSISTANCE_HOUSEHOLD, 'not json')).toThrow(/not JSON/);
    expect(() => readFacts(discrepancyFindings('housingFindings'), JSON.stringify([{ kind: 'NO_SUCH_KIND' }]))).toThrow(/housingFindings .*\[0\]\.kind/);
  });

  it('reads the household a 核对 requires, with the parts the policy withheld as null', () => {
    const household = { members: [{ relationToHead: null, livesWithHousehold: true, person: { id: 'P1', accessScope: null, deathDate: null, ownedDwellings: null, nonExemptVehicleCount: 0 } }] };
    expect(readHouseholdFacts(household)).toEqual(household);
    expect(readHouseholdFacts(null)).toBeNull();
    expect(() => readHouseholdFacts({ members: [{ person: { id: 'P1', nonExemptVehicleCount: '2' } }] })).toThrow(
      /SubsistenceCheck\.household carries a malformed fact: members\.0\.person\.nonExemptVehicleCount/,
    );
  });
});
