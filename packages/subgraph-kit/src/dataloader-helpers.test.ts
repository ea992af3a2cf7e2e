import { filterShape } from './dataloader-helpers';

describe('a filter shape: what an audited find reuses its built statement by', () => {
  it('keeps keys, operators and list lengths, and gives the values in order', () => {
    expect(filterShape({ personId: { $in: ['P1', 'P2'] }, status: 'ACTIVE', active: true, level: 2 })).toEqual({
      shape: '{"personId":{"$in":["?","?"]},"status":"?","active":"?","level":"?"}',
      values: ['P1', 'P2', 'ACTIVE', true, 2],
    });
  });

  it('tells apart lists of different lengths and filters on different columns', () => {
    const shapes = [{ id: { $in: ['a'] } }, { id: { $in: ['a', 'b'] } }, { code: { $in: ['a'] } }, { id: 'a' }].map((where) => filterShape(where)?.shape);
    expect(new Set(shapes).size).toBe(4);
  });

  it('refuses a filter with a value the ORM would convert (a date, null, an object that is not a plain filter)', () => {
    expect(filterShape({ registeredOn: { $lt: new Date() } })).toBeUndefined();
    expect(filterShape({ endedOn: null })).toBeUndefined();
    expect(filterShape({ area: Number.NaN })).toBeUndefined();
    class Reference {}
    expect(filterShape({ dwelling: new Reference() })).toBeUndefined();
  });
});
