import { isMaskedValue, maskAddress, maskBirthYear, maskIdNumber, maskName, maskPhone } from './masking';
import { everyPurpose, row, type PolicyCells } from './policy';

describe('masking formats of the access policy', () => {
  it('keeps the first 3 and last 2 of an ID number', () => expect(maskIdNumber('120112198503120018')).toBe('120*************18'));
  it('keeps the year of a birth date', () => expect(maskBirthYear('1985-03-12')).toBe('1985'));
  it('knows a masked value by its format', () => {
    expect(isMaskedValue('birthYear', '1985')).toBe(true);
    expect(isMaskedValue('birthYear', '1985-03-12')).toBe(false);
    expect(isMaskedValue('idNumber', '120*************18')).toBe(true);
    expect(isMaskedValue('idNumber', '120112198503120018')).toBe(false);
  });
  it('keeps the first 3 and last 4 of a phone number', () => expect(maskPhone('13812341234')).toBe('138****1234'));
  it('keeps the surname of a name: its first character, or a whole 复姓', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('司马懿')).toBe('司马*');
    expect(maskName('欧阳')).toBe('欧*'); // two characters: a single surname 欧 and given name 阳
  });
  it('keeps an address to the community', () => {
    expect(maskAddress('天津市津南区咸水沽镇红旗社区居委会幸福小区3号楼2单元501')).toBe('天津市津南区咸水沽镇红旗社区居委会****');
    expect(maskAddress('天津市津南区葛沽镇东埝村委会12号')).toBe('天津市津南区葛沽镇东埝村委会****');
  });
});

describe('policy rows', () => {
  const CLEAR_ROW: PolicyCells = everyPurpose('C');

  it('reads each purpose by its name', () => {
    const rule = row(
      'person.identity',
      { POPULATION_ADMINISTRATION: 'C', HOUSING_ADMINISTRATION: 'M', SUBSISTENCE_REVIEW: 'C', FLOATING_POPULATION_MANAGEMENT: 'C', CASE_INVESTIGATION: 'C', GRID_SERVICE: 'M', ACCESS_AUDIT: 'M' },
      'idNumber',
    );
    expect(rule.outcomes.HOUSING_ADMINISTRATION).toBe('MASKED');
    expect(rule.outcomes.CASE_INVESTIGATION).toBe('CLEAR');
    expect(rule.outcomes.ACCESS_AUDIT).toBe('MASKED');
  });
  it('refuses a row that leaves a purpose out, names one that is not a column, or has an unknown letter', () => {
    const { GRID_SERVICE: _left, ...withoutGrid } = CLEAR_ROW;
    expect(() => row('x', withoutGrid as PolicyCells)).toThrow(/missing purpose GRID_SERVICE/);
    expect(() => row('x', { ...CLEAR_ROW, GRID_SERVICES: 'C' } as PolicyCells)).toThrow(/unknown purpose GRID_SERVICES/);
    expect(() => row('x', { ...CLEAR_ROW, ACCESS_AUDIT: 'Y' } as unknown as PolicyCells)).toThrow(/unknown cell/);
    expect(() =>
      row('x', {
        POPULATION_ADMINISTRATION: 'C',
        HOUSING_ADMINISTRATION: 'C',
        SUBSISTENCE_REVIEW: 'C',
        FLOATING_POPULATION_MANAGEMENT: 'C',
        CASE_INVESTIGATION: 'C',
        GRID_SERVICE: 'C',
        ACCESS_AUDIT: 'M',
      }),
    ).toThrow(/masking format/);
  });
});
