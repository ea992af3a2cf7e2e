/** Masking formats of ACCESS-POLICY.md: the value with its middle hidden, never the value itself. */
export type Masking = 'name' | 'idNumber' | 'phone' | 'address' | 'birthYear';

function keep(value: string, head: number, tail: number): string {
  const characters = [...value];
  if (characters.length <= head + tail) return '*'.repeat(characters.length);
  return characters.slice(0, head).join('') + '*'.repeat(characters.length - head - tail) + characters.slice(characters.length - tail).join('');
}

/** 复姓: two-character surnames, kept whole (ACCESS-POLICY.md masks 欧阳… as 欧阳**). */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '慕容', '司徒', '令狐', '夏侯', '公孙', '长孙', '宇文', '轩辕', '独孤', '端木', '南宫', '西门', '呼延']);

/** 张三 → 张*, 欧阳娜娜 → 欧阳**: the surname (the first character, or a whole 复姓) kept. */
export function maskName(name: string): string {
  const characters = [...name];
  const kept = characters.length > 2 && COMPOUND_SURNAMES.has(characters.slice(0, 2).join('')) ? 2 : 1;
  return characters.slice(0, kept).join('') + '*'.repeat(Math.max(1, characters.length - kept));
}

/**
 * 120112198503120018 → 120*************18: first 3 and last 2 kept. A 6+4 mask kept the region and the last four,
 * and with the birth date beside it gave the whole number back (ACCESS-POLICY.md, masking formats).
 */
export function maskIdNumber(idNumber: string): string {
  return keep(idNumber, 3, 2);
}

/** 1985-03-12 → 1985: a birth date is the year only wherever the ID number is masked. */
export function maskBirthYear(birthDate: string): string {
  return /^\d{4}/.test(birthDate) ? birthDate.slice(0, 4) : '****';
}

/** Whether a value a field returned is in its masked form (a year alone for a birth date; hidden characters otherwise). */
export function isMaskedValue(kind: Masking | undefined, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return kind === 'birthYear' ? /^\d{4}$/.test(value) : value.includes('*');
}

/** 13812341234 → 138****1234: first 3 and last 4 kept. */
export function maskPhone(phone: string): string {
  return keep(phone, 3, 4);
}

const COMMUNITY_END = /社区居委会|村民委员会|村委会|居委会|社区|村/;

/** Kept to the community (…社区 / …村), the rest hidden. */
export function maskAddress(address: string): string {
  const match = COMMUNITY_END.exec(address);
  if (!match) return keep(address, 6, 0);
  const end = match.index + match[0].length;
  return address.slice(0, end) + '****';
}

const MASKERS: Record<Masking, (value: string) => string> = { name: maskName, idNumber: maskIdNumber, phone: maskPhone, address: maskAddress, birthYear: maskBirthYear };

export function mask(kind: Masking, value: unknown): unknown {
  return typeof value === 'string' && value.length > 0 ? MASKERS[kind](value) : value;
}
