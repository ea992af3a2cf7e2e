import { AuditOutlined, FileAddOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { ApplicationPage } from './application-page';
import { ApplicationsPage } from './applications-page';
import { OpenApplicationPage } from './open-application-page';
import { ReviewPage } from './review-page';

const CIVIL_AFFAIRS = ['CIVIL_AFFAIRS'] as const;

/** 民政: 低保 applications, the 家庭经济状况核对 and its report, the annual 复核. */
export const CIVIL_AFFAIRS_ROUTES: AreaRoute[] = [
  { path: '/civil-affairs/applications', element: <ApplicationsPage />, menu: { label: '低保申请', icon: <UnorderedListOutlined /> }, departments: CIVIL_AFFAIRS },
  { path: '/civil-affairs/applications/:id', element: <ApplicationPage />, departments: CIVIL_AFFAIRS },
  { path: '/civil-affairs/open', element: <OpenApplicationPage />, menu: { label: '低保受理', icon: <FileAddOutlined /> }, departments: CIVIL_AFFAIRS },
  { path: '/civil-affairs/review', element: <ReviewPage />, menu: { label: '年度复核', icon: <AuditOutlined /> }, departments: CIVIL_AFFAIRS },
];
