import { FileDoneOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { CorrectionsPage } from './corrections-page';

/** 房屋: the grid center's requests waiting for housing (走访采集 and 纠错), answered by its officers and supervisors. */
export const HOUSING_ROUTES: AreaRoute[] = [
  { path: '/housing/corrections', element: <CorrectionsPage />, menu: { label: '待确认的采集与纠错', icon: <FileDoneOutlined /> }, departments: ['HOUSING'] },
];
