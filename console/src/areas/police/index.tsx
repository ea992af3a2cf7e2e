import type { AreaRoute } from '../area';

/** 公安: the floating-population search, the permit-lapse list. */
export const POLICE_ROUTES: AreaRoute[] = [];
