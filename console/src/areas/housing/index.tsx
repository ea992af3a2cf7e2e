import { AppstoreAddOutlined, FileDoneOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { CorrectionsPage } from './corrections-page';
import { RegisterDwellingPage } from './register-dwelling-page';

/**
 * 房屋: the grid center's requests waiting for housing (走访采集 and 纠错), answered by its officers and supervisors, and
 * 实有房屋登记 — their work, so their menu (the form asks for 房屋信息管理 too).
 */
export const HOUSING_ROUTES: AreaRoute[] = [
  { path: '/housing/corrections', element: <CorrectionsPage />, menu: { label: '待确认的采集与纠错', icon: <FileDoneOutlined /> }, departments: ['HOUSING'] },
  {
    path: '/housing/dwellings/new',
    element: <RegisterDwellingPage />,
    menu: { label: '实有房屋登记', icon: <AppstoreAddOutlined /> },
    departments: ['HOUSING'],
    roles: ['OFFICER', 'SUPERVISOR'],
  },
];
