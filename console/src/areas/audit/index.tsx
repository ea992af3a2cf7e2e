import { AuditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../area';
import { AccessLogPage } from './access-log-page';
import { IntegrityPage } from './integrity-page';

/** 审计: a person's access log across the departments and the state of the hash chains. */
export const AUDIT_ROUTES: AreaRoute[] = [
  { path: '/audit/access-log', element: <AccessLogPage />, menu: { label: '谁查看了我的信息', icon: <AuditOutlined /> }, departments: ['AUDIT'] },
  { path: '/audit/integrity', element: <IntegrityPage />, menu: { label: '审计日志完整性', icon: <SafetyCertificateOutlined /> }, departments: ['AUDIT'] },
];
