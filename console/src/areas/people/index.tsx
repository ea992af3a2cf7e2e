import { IdcardOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { PersonPage } from './person-page';

export const PEOPLE_ROUTES: AreaRoute[] = [
  { path: '/people', element: <PersonPage />, menu: { label: '人员查询', icon: <IdcardOutlined /> }, departments: ['POPULATION', 'HOUSING', 'PUBLIC_SECURITY', 'GRID'] },
];
