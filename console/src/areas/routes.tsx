import { HomeOutlined } from '@ant-design/icons';
import { DEPARTMENTS } from '@topology/departments';
import { useSession } from '../session/session';
import type { AreaRoute } from './area';
import { HomePage } from './home/home-page';
import { AUDIT_ROUTES } from './audit';
import { CIVIL_AFFAIRS_ROUTES } from './civil-affairs';
import { GRID_CENTER_ROUTES } from './grid-center';
import { GRID_EVENTS_ROUTES } from './grid-events';
import { HOUSING_ROUTES } from './housing';
import { PEOPLE_ROUTES } from './people';
import { POLICE_ROUTES } from './police';

/** Every page of the console; each area (民政, 公安, 网格中心, 网格事件, 房屋, 审计, 人员) contributes its own list. */
export const AREA_ROUTES: AreaRoute[] = [
  { path: '/', element: <HomePage />, menu: { label: '首页', icon: <HomeOutlined /> }, departments: DEPARTMENTS },
  ...CIVIL_AFFAIRS_ROUTES,
  ...POLICE_ROUTES,
  ...GRID_CENTER_ROUTES,
  ...GRID_EVENTS_ROUTES,
  ...HOUSING_ROUTES,
  ...AUDIT_ROUTES,
  ...PEOPLE_ROUTES,
];

/** The pages the signed-in department (and role, where a page is one role's work) uses. */
export function useAreaRoutes(): AreaRoute[] {
  const { session } = useSession();
  const dept = session?.info.user.dept ?? '';
  const role = session?.info.user.role ?? '';
  return AREA_ROUTES.filter((r) => r.departments.includes(dept) && (!r.roles || r.roles.includes(role)));
}
