/**
 * GB 11643-1999 公民身份号码: 6-digit address code (GB/T 2260), 8-digit birth date, 3-digit sequence
 * (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

export interface ParsedIdNumber {
  idNumber: string;
  addressCode: string;
  birthDate: string; // YYYY-MM-DD
  /** GB/T 2261.1: 1 male, 2 female */
  gender: '1' | '2';
}

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export class InvalidIdNumberError extends Error {
  constructor(
    readonly problem: IdNumberProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidIdNumberError';
  }
}

/** Validates an 18-character ID number and explains exactly what is wrong when it is not valid. */
export function parseIdNumber(raw: string): ParsedIdNumber {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    throw new InvalidIdNumberError('FORMAT', `ID number must be 17 digits followed by a digit or X (GB 11643), got ${idNumber.length} characters`);
  }
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InvalidIdNumberError('BIRTH_DATE', `ID number has an impossible birth date ${idNumber.slice(6, 14)} (GB 11643)`);
  }
  const expected = idNumberCheckCharacter(idNumber.slice(0, 17));
  if (expected !== idNumber[17]) {
    throw new InvalidIdNumberError('CHECK_DIGIT', `ID number check digit is ${idNumber[17]} but GB 11643 requires ${expected}`);
  }
  return {
    idNumber,
    addressCode: idNumber.slice(0, 6),
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    gender: Number(idNumber[16]) % 2 === 1 ? '1' : '2',
  };
}

/** Builds a valid ID number from its parts; `sequence` is 0–999 and its parity must match the gender. */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}
