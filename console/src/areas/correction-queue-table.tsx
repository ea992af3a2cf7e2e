import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../format/dates';
import { RECORD_TYPE_LABELS } from './grid-center/discrepancy-labels';
import { GridLink } from './grid-center/links';
import { requestKindLabel } from './housing/labels';

/** What every department's queue shows of a grid-center request addressed to it. */
export interface QueuedRequestRow {
  id: string;
  raisedAt?: string | null;
  kind?: string | null;
  gridCode?: string | null;
  recordType?: string | null;
  recordId?: string | null;
}

/** The answers a department gives from its queue, for those who may answer. */
export interface QueueActions<R> {
  /** The department's own write that takes the request over and accepts it (e.g. 登记租赁并确认). */
  takeOverLabel: string;
  /** Whether the request is one the department can take over with that write; 不予采纳 is always offered. */
  mayTakeOver: (request: R) => boolean;
  onTakeOver: (request: R) => void;
  onReject: (request: R) => void;
}

/**
 * 待确认的采集与纠错, the table every department's queue shows: the request, its kind (the department's own kind of
 * 网格员采集 in blue, a discrepancy in orange), its grid, the record it is about, what it asks, and the answers.
 */
export function CorrectionQueueTable<R extends QueuedRequestRow>({
  loading,
  refused,
  requests,
  fieldKind,
  record,
  content,
  actions,
}: {
  loading: boolean;
  refused: boolean;
  requests: readonly R[];
  fieldKind: string;
  /** The record as a link where the department has a page for it; undefined for its type and id in words. */
  record: (request: R) => ReactNode | undefined;
  content: (request: R) => ReactNode;
  actions?: QueueActions<R>;
}) {
  return (
    <div data-testid="correction-queue">
      <Table<R>
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...requests]}
        locale={{ emptyText: refused ? '查询未完成' : '没有待答复的请求' }}
        columns={[
          {
            title: '请求编号',
            key: 'id',
            render: (_, r) => (
              <>
                <div>{r.id}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.raisedAt)}
                </Typography.Text>
              </>
            ),
          },
          { title: '类别', key: 'kind', render: (_, r) => <Tag color={r.kind === fieldKind ? 'blue' : 'orange'}>{requestKindLabel(r.kind)}</Tag> },
          { title: '网格', key: 'grid', render: (_, r) => (r.gridCode ? <GridLink code={r.gridCode} /> : '—') },
          { title: '记录', key: 'record', render: (_, r) => record(r) ?? `${RECORD_TYPE_LABELS[r.recordType ?? ''] ?? r.recordType ?? ''} ${r.recordId ?? ''}` },
          { title: '内容', key: 'content', render: (_, r) => content(r) },
          ...(actions
            ? [
                {
                  title: '办理',
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, r: R) => (
                    <Space orientation="vertical" size={4}>
                      {actions.mayTakeOver(r) && (
                        <Button size="small" type="primary" onClick={() => actions.onTakeOver(r)}>
                          {actions.takeOverLabel}
                        </Button>
                      )}
                      <Button size="small" danger onClick={() => actions.onReject(r)}>
                        不予采纳
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
