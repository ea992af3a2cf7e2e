import { FileDoneOutlined, IdcardOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { PopulationCorrectionsPage } from './corrections-page';
import { PersonPage } from './person-page';

export const PEOPLE_ROUTES: AreaRoute[] = [
  { path: '/people', element: <PersonPage />, menu: { label: '人员查询', icon: <IdcardOutlined /> }, departments: ['POPULATION', 'HOUSING', 'PUBLIC_SECURITY', 'GRID'] },
  // 人口's queue of the grid center's requests (走访采集 and 纠错), answered by its officers and supervisors.
  { path: '/population/corrections', element: <PopulationCorrectionsPage />, menu: { label: '待确认的采集与纠错', icon: <FileDoneOutlined /> }, departments: ['POPULATION'] },
];
