import { Alert, Card, Form, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { addDays, formatDate, todayInChina } from '../../format/dates';
import { useSession } from '../../session/session';
import { FloatingResults, LAPSE_WARNING_DAYS, type FloatingSearch } from './floating-results';
import { areaFilter, RegionPicker } from './region-picker';

/**
 * 居住证 30 天内到期: the residents whose permit lapses before today + 30 (China's calendar), earliest first —
 * including permits already lapsed whose registration is still active (those need a visit most).
 */
export function PermitsExpiringPage() {
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const [area, setArea] = useState<string>();
  const [withTotal, setWithTotal] = useState(true);
  const today = todayInChina();
  const before = addDays(today, LAPSE_WARNING_DAYS);
  const search = useMemo<FloatingSearch>(
    () => ({ filter: { ...areaFilter(area, jurisdiction), permitExpiresBefore: before }, orderBy: 'PERMIT_EXPIRES_ON', pageSize: 20 }),
    [area, jurisdiction, before],
  );
  return (
    <div>
      <Typography.Title level={4}>居住证 30 天内到期</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" className="page-toolbar">
          <Form.Item label="区域/网格">
            <RegionPicker value={area} onChange={setArea} />
          </Form.Item>
          <Form.Item label="统计总数">
            <Switch aria-label="统计总数" checked={withTotal} onChange={setWithTotal} />
          </Form.Item>
        </Form>
        <Alert
          type="info"
          showIcon
          title={`今天是 ${formatDate(today)}：列出居住证有效期在 ${formatDate(before)} 之前（即 ${LAPSE_WARNING_DAYS} 天内）到期的在册流动人口，按到期日最早在前；已过期仍未注销的登记一并列出。`}
        />
      </Card>
      <FloatingResults search={search} withTotal={withTotal} />
    </div>
  );
}
