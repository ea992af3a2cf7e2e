import { Alert, Card, Form, Select, Space, Switch, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { departmentLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { useSession } from '../../session/session';
import { KeysetPager, useCursorStack } from '../grid-center/keyset';
import { EventActions } from './event-actions';
import { EventTable } from './event-table';
import { STATUS_LABELS } from './labels';
import { GridEventsQuery, MyEventQueueQuery, OverdueGridEventsQuery } from './queries';
import { useCategories } from './use-categories';

const PAGE_SIZE = 20;

/** One list of the grid center's events (a status tab of the inbox, or the whole list with filters). */
function GridEventList({ statuses, reportedByMe, label }: { statuses?: string[]; reportedByMe?: boolean; label: string }) {
  const pager = useCursorStack();
  const { categories } = useCategories();
  const filter = { statuses: statuses?.length ? statuses : null, reportedByMe: reportedByMe || null };
  const { loading, result, refused, reload } = useHubQuery(GridEventsQuery, { filter, first: PAGE_SIZE, after: pager.after });
  const connection = result?.data?.gridEvents;
  return (
    <>
      <AnswerNotices refused={refused} errors={result?.errors} showOutOfJurisdiction />
      <EventTable
        testId={`events-${label}`}
        errors={new FieldErrors(result?.errors)}
        root="gridEvents"
        events={connection?.nodes ?? []}
        loading={loading}
        actions={(event) => <EventActions event={event} categories={categories} onChanged={reload} compact />}
        extra={[{ title: '退回理由', key: 'returnReason', render: (_, e) => e.returnReason ?? '—' }]}
      />
      <KeysetPager label={label} pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
    </>
  );
}

/** The grid center's steps by status: 受理 or 退回 what was reported, 分拨 what was accepted, 结案 what was handled, 回访 what was closed. */
const INBOX_TABS = [
  { key: 'REPORTED', label: '待受理' },
  { key: 'ACCEPTED', label: '待分拨' },
  { key: 'HANDLED', label: '待结案' },
  { key: 'CLOSED', label: '待回访' },
  { key: 'RETURNED', label: '已退回' },
];

/** 事件受理: the dispatcher's inbox of the jurisdiction. */
export function InboxPage() {
  const [tab, setTab] = useState('REPORTED');
  return (
    <div>
      <Typography.Title level={4}>事件受理与分拨</Typography.Title>
      <Typography.Paragraph type="secondary">
        网格员上报的事件在此受理或退回，受理后分拨到承办部门（按事件类别和优先级计算办结时限）；承办部门处置完毕后在此结案或退回重办，结案后回访。
      </Typography.Paragraph>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={INBOX_TABS.map((t) => ({ key: t.key, label: t.label, children: <GridEventList statuses={[t.key]} label={t.label} /> }))} />
      </Card>
    </div>
  );
}

/** 网格事件: every event of the jurisdiction, by status; a 网格员 sees what they reported first. */
export function EventsPage() {
  const { session } = useSession();
  const worker = session?.info.user.role === 'GRID_WORKER';
  const [statuses, setStatuses] = useState<string[]>([]);
  const [mine, setMine] = useState(worker);
  return (
    <div>
      <Typography.Title level={4}>网格事件</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" className="page-toolbar">
          <Form.Item label="状态">
            <Select
              aria-label="状态"
              mode="multiple"
              allowClear
              style={{ minWidth: 220 }}
              placeholder="全部状态"
              value={statuses}
              onChange={setStatuses}
              options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="只看我上报的">
            <Switch aria-label="只看我上报的" checked={mine} onChange={setMine} />
          </Form.Item>
        </Form>
      </Card>
      <GridEventList key={`${statuses.join(',')}-${mine}`} statuses={statuses} reportedByMe={mine} label="事件" />
    </div>
  );
}

const QUEUE_TABS = [
  { key: 'open', label: '待处置', statuses: ['DISPATCHED', 'IN_PROGRESS'] },
  { key: 'handled', label: '已处置待结案', statuses: ['HANDLED'] },
];

function QueueList({ statuses, label }: { statuses: string[]; label: string }) {
  const pager = useCursorStack();
  const { categories } = useCategories();
  const { loading, result, refused, reload } = useHubQuery(MyEventQueueQuery, { statuses, first: PAGE_SIZE, after: pager.after });
  const connection = result?.data?.myEventQueue;
  return (
    <>
      <AnswerNotices refused={refused} errors={result?.errors} />
      <EventTable
        testId={`queue-${label}`}
        errors={new FieldErrors(result?.errors)}
        root="myEventQueue"
        events={connection?.nodes ?? []}
        loading={loading}
        actions={(event) => <EventActions event={event} categories={categories} onChanged={reload} compact />}
        extra={[{ title: '督办意见', key: 'escalationNote', render: (_, e) => e.escalationNote ?? '—' }]}
      />
      <KeysetPager label={label} pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
    </>
  );
}

/** 我的待办: the events dispatched to the signed-in department, 督办 first, then by deadline, with their lights. */
export function QueuePage() {
  const { session } = useSession();
  return (
    <div>
      <Typography.Title level={4}>我的待办 · {departmentLabel(session?.info.user.dept)}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="时限状态：“正常”为已用时限不足 80%，“临期”为已用 80% 以上，“超期”为已过办结时限；被督办的事件排在最前。" />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs destroyOnHidden items={QUEUE_TABS.map((t) => ({ key: t.key, label: t.label, children: <QueueList statuses={t.statuses} label={t.label} /> }))} />
      </Card>
    </div>
  );
}

/** How long past its deadline, in words: "超期 3 天 4 小时". */
function overdueBy(deadline: string | null | undefined, now = Date.now()): string {
  if (!deadline) return '—';
  const minutes = Math.max(0, Math.floor((now - Date.parse(deadline)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `超期 ${days} 天 ${hours} 小时`;
  if (hours > 0) return `超期 ${hours} 小时 ${minutes % 60} 分钟`;
  return minutes > 0 ? `超期 ${minutes} 分钟` : '超期不足 1 分钟';
}

/** 督办: the open events past their deadline in the jurisdiction, most overdue first; the supervisor escalates. */
export function OverduePage() {
  const pager = useCursorStack();
  const { categories } = useCategories();
  const { loading, result, refused, reload } = useHubQuery(OverdueGridEventsQuery, { first: PAGE_SIZE, after: pager.after });
  const connection = result?.data?.overdueGridEvents;
  return (
    <div>
      <Typography.Title level={4}>超期督办</Typography.Title>
      <Typography.Paragraph type="secondary">
        已超过办结时限仍未处置完毕的事件，超期最久的在前。督办会提高优先级（一般 → 紧急 → 特急），并使事件排在承办部门待办的最前面；督办由网格中心负责人发起。
      </Typography.Paragraph>
      <AnswerNotices refused={refused} errors={result?.errors} showOutOfJurisdiction />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <EventTable
          testId="overdue-table"
          errors={new FieldErrors(result?.errors)}
          root="overdueGridEvents"
          events={connection?.nodes ?? []}
          loading={loading}
          actions={(event) => <EventActions event={event} categories={categories} onChanged={reload} compact />}
          extra={[
            { title: '超期', key: 'overdueBy', render: (_, e) => <Typography.Text type="danger">{overdueBy(e.deadline)}</Typography.Text> },
            { title: '最近督办', key: 'escalation', render: (_, e) => e.escalationNote ?? '—' },
          ]}
        />
        <KeysetPager label="督办" pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
      </Space>
    </div>
  );
}
