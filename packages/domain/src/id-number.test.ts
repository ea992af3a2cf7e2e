import { InvalidIdNumberError, makeIdNumber, parseIdNumber } from './id-number';

describe('GB 11643 ID numbers', () => {
  it.each(['11010519491231002X', '440524188001010014', '120112198503120018', '120112199007040021', '510304197811200035'])('accepts the verified example %s', (id) =>
    expect(parseIdNumber(id).idNumber).toBe(id),
  );

  it('reads birth date and sex from the number', () => {
    expect(parseIdNumber('120112199007040021')).toMatchObject({ birthDate: '1990-07-04', gender: '2', addressCode: '120112' });
    expect(parseIdNumber('120112198503120018')).toMatchObject({ birthDate: '1985-03-12', gender: '1' });
  });

  it('names the wrong check digit', () => {
    expect(() => parseIdNumber('120112198503120017')).toThrow(/check digit is 7 but GB 11643 requires 8/);
  });

  it('rejects impossible dates and bad formats with the reason', () => {
    expect(() => parseIdNumber('120112198502300011')).toThrow(InvalidIdNumberError);
    expect(() => parseIdNumber('12011219850312001')).toThrow(/17 digits/);
  });

  it('builds numbers that validate', () => {
    for (let seq = 0; seq < 1000; seq += 37) expect(() => parseIdNumber(makeIdNumber('120112', '2001-02-28', seq))).not.toThrow();
  });
});
