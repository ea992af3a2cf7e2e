import { decodeDiscrepancyReportId, encodeDiscrepancyReportId, mayKnowDiscrepancy, DISCREPANCY_KINDS } from './discrepancies';
import { row } from './policy';
import { reportedCount } from './statistics';

//                                  POP HOUSING CIVIL PS-f PS-c GRID AUDIT
const RECEIVES_ASSISTANCE = row('civil.receivesAssistance', 'X X C X X C X');
const RESIDENTS = row('person.search', 'C C X C C C X');

describe('small counts in aggregate statistics', () => {
  it('reports 0–4 as "<5" to a purpose not allowed the underlying records, exactly to one that is', () => {
    for (const count of [0, 1, 4]) {
      expect(reportedCount(count, 'HOUSING_ADMINISTRATION', [RECEIVES_ASSISTANCE])).toBe('<5');
      expect(reportedCount(count, 'GRID_SERVICE', [RECEIVES_ASSISTANCE])).toBe(String(count));
    }
  });

  it('reports 5 and more exactly to everyone allowed the statistic', () => {
    expect(reportedCount(5, 'HOUSING_ADMINISTRATION', [RECEIVES_ASSISTANCE])).toBe('5');
    expect(reportedCount(1234, 'POPULATION_ADMINISTRATION', [RECEIVES_ASSISTANCE])).toBe('1234');
  });

  it('needs every underlying record allowed for the exact small count', () => {
    expect(reportedCount(3, 'HOUSING_ADMINISTRATION', [RESIDENTS])).toBe('3');
    expect(reportedCount(3, 'HOUSING_ADMINISTRATION', [RESIDENTS, RECEIVES_ASSISTANCE])).toBe('<5');
  });
});

describe('discrepancy reports', () => {
  it('round-trips the report key, cursor included', () => {
    const key = { prefix: '120112001001001', asOf: '2026-11-25', first: 20, after: '120112001001001|KIND|a,b' };
    expect(decodeDiscrepancyReportId(encodeDiscrepancyReportId(key))).toEqual(key);
  });

  it('refuses a forged key with BAD_USER_INPUT', () => {
    for (const id of ['', '12011|2026-11-25|20|', '120112|2026-02-30|20|', '120112|2026-11-25|x|', 42]) {
      expect(() => decodeDiscrepancyReportId(id)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });

  it('gives the grid center every kind, audit, housing and civil affairs none', () => {
    for (const kind of Object.keys(DISCREPANCY_KINDS) as Array<keyof typeof DISCREPANCY_KINDS>) {
      expect(mayKnowDiscrepancy('GRID_SERVICE', kind)).toBe(true);
      for (const purpose of ['ACCESS_AUDIT', 'HOUSING_ADMINISTRATION', 'SUBSISTENCE_REVIEW'] as const) expect(mayKnowDiscrepancy(purpose, kind)).toBe(false);
    }
  });
});
