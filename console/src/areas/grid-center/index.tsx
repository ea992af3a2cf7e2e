import { AlertOutlined, ClusterOutlined, FileSearchOutlined } from '@ant-design/icons';
import { SUBGRAPHS } from '@topology/departments';
import type { AreaRoute } from '../area';
import { DiscrepanciesPage } from './discrepancies-page';
import { DwellingPage } from './dwelling-page';
import { FieldVisitPage } from './field-visit-page';
import { GridPage } from './grid-page';
import { GridTreePage } from './grid-tree-page';
import { HouseholdPage } from './household-page';

/** The record pages other areas link to: every department that works with people reaches them (the API decides what each sees). */
const RECORD_DEPARTMENTS = SUBGRAPHS.map((subgraph) => subgraph.department);

/**
 * A grid's page is the grid center's, and also opens for the departments the API lets look a grid up (its counts
 * then follow the small-number rule, its lists the policy); it has no menu entry of its own.
 */
const GRID_PAGE_DEPARTMENTS = ['GRID', 'POPULATION', 'HOUSING', 'PUBLIC_SECURITY'] as const;

/** 网格中心: the grid tree, a grid's page, households and dwellings, the discrepancy list, 走访采集. */
export const GRID_CENTER_ROUTES: AreaRoute[] = [
  { path: '/grid/tree', element: <GridTreePage />, menu: { label: '网格树', icon: <ClusterOutlined /> }, departments: ['GRID'] },
  { path: '/grid', element: <GridTreePage />, departments: ['GRID'] },
  { path: '/grid/discrepancies', element: <DiscrepanciesPage />, menu: { label: '数据不一致', icon: <AlertOutlined /> }, departments: ['GRID'] },
  // 走访采集 is for whom grid.fieldReport allows: the grid's workers, its officers and supervisors.
  { path: '/grid/visits', element: <FieldVisitPage />, menu: { label: '走访采集', icon: <FileSearchOutlined /> }, departments: ['GRID'], roles: ['GRID_WORKER', 'OFFICER', 'SUPERVISOR'] },
  { path: '/grid/:code', element: <GridPage />, departments: GRID_PAGE_DEPARTMENTS },
  { path: '/households/:id', element: <HouseholdPage />, departments: RECORD_DEPARTMENTS },
  { path: '/dwellings/:id', element: <DwellingPage />, departments: RECORD_DEPARTMENTS },
];
