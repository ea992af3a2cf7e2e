import { AlertOutlined, BarChartOutlined, FormOutlined, InboxOutlined, ProfileOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { EventPage } from './event-page';
import { QUEUE_DEPARTMENTS } from './labels';
import { EventsPage, InboxPage, OverduePage, QueuePage } from './list-pages';
import { ReportPage } from './report-page';
import { StatisticsPage } from './statistics-page';

/** Who sees an event at all (ADR 0012): the grid center of its jurisdiction and the department it was dispatched to. */
const EVENT_DEPARTMENTS = ['GRID', ...QUEUE_DEPARTMENTS] as const;

/** 网格事件: 上报 (网格员), 受理/分拨/结案/回访 (the center's officers), 我的待办 (departments), 督办 (supervisors), 考核统计. */
export const GRID_EVENTS_ROUTES: AreaRoute[] = [
  { path: '/grid/events/report', element: <ReportPage />, menu: { label: '上报事件', icon: <FormOutlined /> }, departments: ['GRID'], roles: ['GRID_WORKER'] },
  { path: '/grid/events/inbox', element: <InboxPage />, menu: { label: '事件受理', icon: <InboxOutlined /> }, departments: ['GRID'], roles: ['OFFICER'] },
  { path: '/grid/events/overdue', element: <OverduePage />, menu: { label: '超期督办', icon: <AlertOutlined /> }, departments: ['GRID'], roles: ['OFFICER', 'SUPERVISOR'] },
  { path: '/grid/events/list', element: <EventsPage />, menu: { label: '网格事件', icon: <UnorderedListOutlined /> }, departments: ['GRID'] },
  { path: '/grid/events/queue', element: <QueuePage />, menu: { label: '我的待办', icon: <ProfileOutlined /> }, departments: QUEUE_DEPARTMENTS },
  { path: '/grid/events/statistics', element: <StatisticsPage />, menu: { label: '考核统计', icon: <BarChartOutlined /> }, departments: EVENT_DEPARTMENTS },
  { path: '/grid/events/:id', element: <EventPage />, departments: EVENT_DEPARTMENTS },
];
