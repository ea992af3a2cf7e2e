import { InvalidIdNumberError, isCode, parseIdNumber, type CodeTable } from '@hub/domain';
import { ErrorCode, HubError } from './errors';

/** Validation of caller input: the normalised value, or BAD_USER_INPUT saying exactly what is wrong. */

/** An 18-character ID number, e.g. naming the wrong GB 11643 check digit. */
export function checkedIdNumber(idNumber: string, what = 'ID number'): string {
  try {
    return parseIdNumber(idNumber).idNumber;
  } catch (error) {
    if (error instanceof InvalidIdNumberError) throw new HubError(ErrorCode.BAD_USER_INPUT, what === 'ID number' ? error.message : `${what}: ${error.message}`);
    throw error;
  }
}

/** A real calendar date written YYYY-MM-DD. */
export function checkedDate(value: string, what: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be a date written YYYY-MM-DD; got "${value.slice(0, 20)}"`);
  }
  return value;
}

/** A real YYYY-MM-DD date not after `today` (China), or BAD_USER_INPUT naming the argument. */
export function checkedPastDate(value: string, what: string, today: string): string {
  checkedDate(value, what);
  if (value > today) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what}：日期不能晚于今天（${today}） (${what} must not be in the future (${value}; today is ${today}))`);
  return value;
}

/** A code of a national code table (GB/T 31000 and others), listing the valid codes when it is not one. */
export function checkedCode(table: CodeTable, value: string, what: string): string {
  if (!isCode(table, value)) {
    const valid = Object.entries(table)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, label]) => `${code} ${label}`);
    throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be one of ${valid.join(', ')}; got "${value.slice(0, 20)}"`);
  }
  return value;
}

/** A dwelling's id as housing issues it: 1 to 16 letters or digits. */
export function checkedDwellingId(dwellingId: string, what = 'dwellingId'): string {
  if (!/^[A-Za-z0-9]{1,16}$/.test(dwellingId)) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be 1 to 16 letters or digits`);
  return dwellingId;
}

/** A person's name as written on a form: trimmed, 1 to 64 characters. */
export function checkedPersonName(name: string, what = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) throw new HubError(ErrorCode.BAD_USER_INPUT, `${what} must be 1 to 64 characters`);
  return trimmed;
}

/** A correction request's id as the grid center issues it (纠错回流): `CR` + 21 digits. */
export const CORRECTION_REQUEST_ID_PATTERN = /^CR\d{21}$/;

/** The longest reason a department may give for correcting its own record. */
const MAX_CORRECTION_REASON = 1000;

/**
 * What a department's correction of its own record says about itself: the grid center's request it answers (if any)
 * and why, trimmed (an empty reason is none).
 */
export function checkedCorrectionAnswer(correctionRequestId: string | undefined, reason: string | undefined): { correctionRequestId: string | null; reason: string | null } {
  if (correctionRequestId && !CORRECTION_REQUEST_ID_PATTERN.test(correctionRequestId)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'correctionRequestId must be a correction request id (CR followed by 21 digits)');
  }
  const why = reason?.trim() || null;
  if (why && why.length > MAX_CORRECTION_REASON) throw new HubError(ErrorCode.BAD_USER_INPUT, `reason must be at most ${MAX_CORRECTION_REASON} characters`);
  return { correctionRequestId: correctionRequestId ?? null, reason: why };
}
