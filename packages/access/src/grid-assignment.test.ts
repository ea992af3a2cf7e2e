import { checkedDwellingIds, checkedGridAssignmentCall } from './grid-assignment';
import type { RequestIdentity } from './identity';
import { everyPurpose, forRoles, row } from './policy';

const RULE = forRoles(row('housing.dwelling.gridCopy', { ...everyPurpose('X'), GRID_SERVICE: 'C' }), ['SUPERVISOR']);
const supervisor: RequestIdentity = { sub: 's1', name: '网格中心', dept: 'GRID', role: 'SUPERVISOR', jurisdiction: '120112', purpose: 'GRID_SERVICE', requestId: 'r1' };
const body = { clientRequestId: 'c-12345678', dwellingIds: ['D00000001', 'D90000001'], gridCode: '120112001001001' };

it("takes the grid center's call of a supervisor with a well-formed body only", () => {
  expect(checkedGridAssignmentCall(supervisor, 'grid', RULE, body)).toEqual(body);
  expect(() => checkedGridAssignmentCall(supervisor, undefined, RULE, body)).toThrow(/answers the grid center's assignDwellingsToGrid only/);
  expect(() => checkedGridAssignmentCall(supervisor, 'civil-affairs', RULE, body)).toThrow(/only/);
  expect(() => checkedGridAssignmentCall({ ...supervisor, role: 'GRID_WORKER' }, 'grid', RULE, body)).toThrow(/is for SUPERVISOR/);
  expect(() => checkedGridAssignmentCall({ ...supervisor, purpose: 'HOUSING_ADMINISTRATION' }, 'grid', RULE, body)).toThrow(/is for SUPERVISOR/);
  expect(() => checkedGridAssignmentCall({ ...supervisor, jurisdiction: '120112002' }, 'grid', RULE, body)).toThrow(expect.objectContaining({ code: 'OUT_OF_JURISDICTION' }));
  expect(() => checkedGridAssignmentCall(supervisor, 'grid', RULE, { ...body, gridCode: '12011200100100' })).toThrow(/15-digit/);
});

it('takes 1 to 500 dwelling ids, each once', () => {
  expect(() => checkedDwellingIds([])).toThrow(/1 to 500/);
  expect(() => checkedDwellingIds(Array.from({ length: 501 }, (_, i) => `D${i}`))).toThrow(/1 to 500/);
  expect(() => checkedDwellingIds(['D1', 'D1'])).toThrow(/D1 twice/);
  expect(() => checkedDwellingIds(['D-1'])).toThrow(/dwellingIds\[0\]/);
  expect(checkedDwellingIds(['D1', 'D2'])).toEqual(['D1', 'D2']);
});
