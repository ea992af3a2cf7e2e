import { FieldTimeOutlined, TeamOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { FloatingSearchPage } from './floating-search-page';
import { PermitsExpiringPage } from './permits-expiring-page';

/** 公安: the floating-population search, the permit-lapse list. */
export const POLICE_ROUTES: AreaRoute[] = [
  { path: '/police/floating-population', element: <FloatingSearchPage />, menu: { label: '流动人口查询', icon: <TeamOutlined /> }, departments: ['PUBLIC_SECURITY'] },
  { path: '/police/permits-expiring', element: <PermitsExpiringPage />, menu: { label: '居住证 30 天内到期', icon: <FieldTimeOutlined /> }, departments: ['PUBLIC_SECURITY'] },
];
