import { decodeDiscrepancyReportId, encodeDiscrepancyReportId, mayKnowDiscrepancy, DISCREPANCY_KINDS } from './discrepancies';
import { row } from './policy';
import { reportedCount } from './statistics';

const RECEIVES_ASSISTANCE = row('civil.receivesAssistance', {
  POPULATION_ADMINISTRATION: 'X',
  HOUSING_ADMINISTRATION: 'X',
  SUBSISTENCE_REVIEW: 'C',
  FLOATING_POPULATION_MANAGEMENT: 'X',
  CASE_INVESTIGATION: 'X',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});
const RESIDENTS = row('person.search', {
  POPULATION_ADMINISTRATION: 'C',
  HOUSING_ADMINISTRATION: 'C',
  SUBSISTENCE_REVIEW: 'X',
  FLOATING_POPULATION_MANAGEMENT: 'C',
  CASE_INVESTIGATION: 'C',
  GRID_SERVICE: 'C',
  ACCESS_AUDIT: 'X',
});

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
