import { GRID_CODE_PATTERN, REGION_CODE_PATTERN } from '@hub/domain';
import { ErrorCode, HubError } from './errors';

/** Escapes LIKE wildcards so a code prefix matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The code prefix to search: the requested region or grid narrowed to the caller's jurisdiction.
 * A region wider than the jurisdiction narrows to the jurisdiction; a disjoint one is OUT_OF_JURISDICTION.
 */
export function scopedPrefix(jurisdiction: string, regionCode: string | null | undefined): string {
  if (regionCode === null || regionCode === undefined) return jurisdiction;
  if (!REGION_CODE_PATTERN.test(regionCode) && !GRID_CODE_PATTERN.test(regionCode)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `regionCode must be a 6, 9 or 12 digit region code or a 15 digit grid code; got "${regionCode.slice(0, 20)}"`);
  }
  if (regionCode.startsWith(jurisdiction)) return regionCode;
  if (jurisdiction.startsWith(regionCode)) return jurisdiction;
  throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Region ${regionCode} is outside your jurisdiction ${jurisdiction}`);
}
