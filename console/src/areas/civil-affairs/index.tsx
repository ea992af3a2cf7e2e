import type { AreaRoute } from '../area';

/** 民政: 低保 applications, the 家庭经济状况核对 and its report, the annual 复核. */
export const CIVIL_AFFAIRS_ROUTES: AreaRoute[] = [];
