import { ErrorCode, HubError } from '@hub/access';
export { escapeLike, scopedPrefix } from '@hub/access';
import { GRID_CODE_PATTERN } from '@hub/domain';

export function checkedGridCode(code: string): string {
  if (!GRID_CODE_PATTERN.test(code)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `code must be a 15 digit grid code (12-digit community code + 3-digit grid number); got "${code.slice(0, 20)}"`);
  }
  return code;
}

/**
 * A region is visible when it lies within the jurisdiction, or is one of the regions above it (so that a
 * street officer can walk district → own street → own communities, and nothing beside them).
 */
export function isVisibleRegion(code: string, jurisdiction: string): boolean {
  return code.startsWith(jurisdiction) || jurisdiction.startsWith(code);
}
