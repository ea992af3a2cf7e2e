import { GENESIS_HASH, eventHash, verifyRows, type StoredAccessEvent } from './chain';

/** A chain of n rows as audit_append writes it, some with the caller's name, some (older) without. */
function chain(n: number): StoredAccessEvent[] {
  const rows: StoredAccessEvent[] = [];
  let previous = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const row: StoredAccessEvent = {
      id: String(i * 3), // ids may have gaps (a rolled-back append uses some up)
      at: `2026-12-03T08:00:0${i % 10}.000Z`,
      request_id: `r${i}`,
      user_sub: 'dev-grid-120112',
      user_name: i % 2 === 0 ? '王芳' : null,
      department: 'GRID',
      role: 'OFFICER',
      purpose: 'GRID_SERVICE',
      case_id: null,
      subject_person_id: `P${i}`,
      field_classes: ['person.name', 'person.idNumber'],
      outcome: 'CLEAR',
      prev_hash: previous,
      hash: '',
    };
    row.hash = eventHash(previous, row);
    previous = row.hash;
    rows.push(row);
  }
  return rows;
}

describe('the access log hash chain', () => {
  it('hashes a row without a name as before names were recorded, and covers the name when there is one', () => {
    const [row] = chain(1);
    expect(eventHash(GENESIS_HASH, { ...row, user_name: null })).toBe(eventHash(GENESIS_HASH, { ...row, user_name: undefined }));
    expect(eventHash(GENESIS_HASH, { ...row, user_name: '王芳' })).not.toBe(eventHash(GENESIS_HASH, row));
    expect(eventHash(GENESIS_HASH, { ...row, user_name: '王芳' })).not.toBe(eventHash(GENESIS_HASH, { ...row, user_name: '王芶' }));
  });

  it('verifies an intact chain, counting its rows', () => {
    expect(verifyRows(chain(6))).toEqual({ rows: 6, ok: true });
  });

  it('names the first altered row by id and position (a changed name too)', () => {
    const rows = chain(6);
    rows[3] = { ...rows[3], user_name: '李四' };
    expect(verifyRows(rows)).toEqual({ rows: 4, ok: false, broken: { id: '12', position: 4, code: 'ALTERED', reason: expect.stringContaining('content does not match its hash') } });
  });

  it('names the row after a removed one as not linking', () => {
    const rows = chain(6);
    rows.splice(1, 1);
    expect(verifyRows(rows).broken).toEqual({ id: '9', position: 2, code: 'UNLINKED', reason: expect.stringContaining('does not link') });
  });
});
