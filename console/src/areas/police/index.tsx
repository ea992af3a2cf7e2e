import { FieldTimeOutlined, FolderOpenOutlined, TeamOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { FloatingSearchPage } from './floating-search-page';
import { InvestigationCasesPage } from './investigation-cases-page';
import { PermitsExpiringPage } from './permits-expiring-page';

/** 案件登记: case investigation's register, for its officers and supervisors (as the API allows). */
const CASE_REGISTER: AreaRoute = {
  path: '/police/cases',
  element: <InvestigationCasesPage />,
  menu: { label: '案件登记', icon: <FolderOpenOutlined /> },
  departments: ['PUBLIC_SECURITY'],
  roles: ['OFFICER', 'SUPERVISOR'],
};

/** Where 案件侦查 starts while no case is chosen. */
export const CASE_REGISTER_PATH = CASE_REGISTER.path;

/** 公安: the floating-population search, the permit-lapse list, the case register. */
export const POLICE_ROUTES: AreaRoute[] = [
  { path: '/police/floating-population', element: <FloatingSearchPage />, menu: { label: '流动人口查询', icon: <TeamOutlined /> }, departments: ['PUBLIC_SECURITY'] },
  { path: '/police/permits-expiring', element: <PermitsExpiringPage />, menu: { label: '居住证 30 天内到期', icon: <FieldTimeOutlined /> }, departments: ['PUBLIC_SECURITY'] },
  CASE_REGISTER,
];
