import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { GridEventRowFragment } from '../../gql/graphql';
import { formatDateTime } from '../../format/dates';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { departmentLabel } from '../../format/labels';
import { priorityLabel } from './labels';
import { SlaLight, StatusTag } from './sla-light';

export type EventRow = GridEventRowFragment;

/**
 * The events of a list (inbox, queue, 督办, all events): category and status by their Chinese names, the grid,
 * where, the department and its deadline with the light; `actions` adds what the reader may do to each row.
 */
export function EventTable<T extends EventRow>({
  events,
  loading,
  actions,
  extra = [],
  testId,
  errors = new FieldErrors(),
  root,
}: {
  events: readonly T[];
  loading: boolean;
  actions?: (event: T) => ReactNode;
  extra?: ColumnsType<T>;
  testId: string;
  /** The answer's errors and the root field of the list, so that a field the policy denies reads 无权限. */
  errors?: FieldErrors;
  root?: string;
}) {
  const columns: ColumnsType<T> = [
    {
      title: '事件',
      key: 'category',
      render: (_, e) => (
        // Long descriptions and addresses stay on one line (the whole text in the tooltip), so that the deadline and the
        // SLA light fit on a 1366-pixel screen without scrolling sideways.
        <Space orientation="vertical" size={0} style={{ maxWidth: 200 }}>
          <Link to={`/grid/events/${e.id}`} data-event-link={e.id}>
            {e.categoryName ?? e.category}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200 }} ellipsis={{ tooltip: e.description }} className="event-description">
            {e.description}
          </Typography.Text>
        </Space>
      ),
      width: 200,
    },
    {
      title: '状态',
      key: 'status',
      render: (_, e) => (
        <Space size={2} wrap style={{ maxWidth: 150 }}>
          <StatusTag status={e.status} />
          {e.priority !== 'NORMAL' && <Tag color={e.priority === 'CRITICAL' ? 'red' : 'orange'}>{priorityLabel(e.priority)}</Tag>}
          {e.escalated && (
            <Tag color="volcano" data-escalated="true">
              督办{(e.escalationCount ?? 0) > 1 ? ` ×${e.escalationCount}` : ''}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: '网格 / 地点',
      key: 'place',
      render: (_, e) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 170 }}>
          <Typography.Text style={{ maxWidth: 170 }} ellipsis={{ tooltip: e.grid?.name ?? e.gridCode }}>
            {e.grid?.name ?? e.gridCode}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 170 }} ellipsis={{ tooltip: e.address ?? undefined }}>
            {e.address ?? '—'}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '上报',
      key: 'reportedAt',
      render: (_, e, i) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(e.reportedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Guarded value={e.reporterName} errors={errors} path={[root ?? '', 'nodes', i, 'reporterName']} />
          </Typography.Text>
        </Space>
      ),
    },
    { title: '承办部门', key: 'assignedDepartment', render: (_, e) => (e.assignedDepartment ? departmentLabel(e.assignedDepartment) : '—') },
    { title: '办结时限', key: 'deadline', render: (_, e) => formatDateTime(e.deadline) },
    { title: '时限状态', key: 'slaLight', render: (_, e) => <SlaLight light={e.slaLight} deadline={e.deadline} /> },
    ...extra,
  ];
  if (actions) columns.push({ title: '操作', key: 'actions', fixed: 'right', render: (_, e) => actions(e) });
  return (
    <div data-testid={testId}>
      <Table<T>
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...events]}
        columns={columns}
        onRow={(e) => ({ 'data-event-id': e.id }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: '暂无事件' }}
      />
    </div>
  );
}
