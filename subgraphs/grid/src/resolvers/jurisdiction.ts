import { ErrorCode, HubError } from '@hub/access';
import { GRID_CODE_PATTERN, REGION_CODE_PATTERN } from '@hub/domain';

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function checkedGridCode(code: string): string {
  if (!GRID_CODE_PATTERN.test(code)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `code must be a 15 digit grid code (12-digit community code + 3-digit grid number); got "${code.slice(0, 20)}"`);
  }
  return code;
}

/** The code prefix to search: the requested region or grid narrowed to the caller's jurisdiction. */
export function scopedPrefix(jurisdiction: string, regionCode: string | null | undefined): string {
  if (regionCode === null || regionCode === undefined) return jurisdiction;
  if (!REGION_CODE_PATTERN.test(regionCode) && !GRID_CODE_PATTERN.test(regionCode)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `regionCode must be a 6, 9 or 12 digit region code or a 15 digit grid code; got "${regionCode.slice(0, 20)}"`);
  }
  if (regionCode.startsWith(jurisdiction)) return regionCode;
  if (jurisdiction.startsWith(regionCode)) return jurisdiction;
  throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Region ${regionCode} is outside your jurisdiction ${jurisdiction}`);
}

/**
 * A region is visible when it lies within the jurisdiction, or is one of the regions above it (so that a
 * street officer can walk district → own street → own communities, and nothing beside them).
 */
export function isVisibleRegion(code: string, jurisdiction: string): boolean {
  return code.startsWith(jurisdiction) || jurisdiction.startsWith(code);
}
