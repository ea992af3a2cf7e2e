/** The housing queue's own words: what a correction request is, and a request answered meanwhile. */
import { kindLabel } from '../grid-center/discrepancy-labels';
import { FIELD_TENANCY_STARTED } from './tenancy-proposal';

/** A grid worker's visit that found a registered resident gone (to population). */
export const FIELD_RESIDENT_LEFT = 'FIELD_RESIDENT_LEFT';

/** A grid worker's visit by what it found; a discrepancy of the grid center's report by its kind. */
export function requestKindLabel(kind: string | null | undefined): string {
  if (kind === FIELD_TENANCY_STARTED) return '走访采集：房屋已出租';
  if (kind === FIELD_RESIDENT_LEFT) return '走访采集：居民已迁离';
  return kind ? `纠错：${kindLabel(kind)}` : '—';
}

/** A correction request someone else answered (or changed) since the queue was read: the API's CONFLICT, in words. */
export const ANSWERED_TEXT = '该请求已由他人答复或已有变化：待办列表已重新加载，请核对后再办理。';
