import type { AreaRoute } from '../area';

/** 网格中心: the grid tree, a grid's page, households and dwellings, the discrepancy list. */
export const GRID_CENTER_ROUTES: AreaRoute[] = [];
