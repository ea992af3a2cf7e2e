import { Card, DatePicker, Form, Segmented, Table, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { AnswerNotices } from '../../policy/answer-notices';
import { useSession } from '../../session/session';
import { SMALL_COUNT, SummaryCount } from '../grid-center/counts';
import { GridEventStatisticsQuery } from './queries';
import { StatisticsChart } from './statistics-chart';

const GROUPS = [
  { value: 'GRID', label: '按网格' },
  { value: 'STREET', label: '按街道' },
  { value: 'WORKER', label: '按网格员' },
];

/** A mean time to close as the offices say it: "26.5 小时", or minutes when under an hour. */
function durationLabel(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  return hours < 1 ? `${Math.max(1, Math.round(hours * 60))} 分钟` : `${hours.toFixed(1)} 小时`;
}

const SMALL_EVENTS_EXPLANATION = '小数保护：不足 5 件的统计数显示为“<5”，不给出确切数字，以免据此识别到具体的人和事；此时平均用时和满意度也不显示。网格中心可以查看确切数字。';

/** A figure as the API gives it: digits, or "<5" kept as such, with why. */
const count = (value: string) =>
  value === SMALL_COUNT ? (
    <Tooltip title={SMALL_EVENTS_EXPLANATION} trigger={['hover', 'focus']}>
      <span className="small-count" data-small-count="true" tabIndex={0} aria-label="少于 5 件（小数保护）">
        {SMALL_COUNT} 件
      </span>
    </Tooltip>
  ) : (
    <SummaryCount value={value} unit=" 件" />
  );

/**
 * 考核统计: per grid, street or 网格员, the events reported, closed, handled on time and overdue, the mean time to
 * close and the mean satisfaction — exact for the grid center, "<5" kept as such for the departments; 网格员 figures
 * are the grid center's own.
 */
export function StatisticsPage() {
  const { session } = useSession();
  const isGrid = session?.info.user.dept === 'GRID';
  const [groupBy, setGroupBy] = useState('GRID');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD') ?? null;
  const to = range?.[1]?.format('YYYY-MM-DD') ?? null;
  const { loading, result, refused } = useHubQuery(GridEventStatisticsQuery, { groupBy, from, to });
  const rows = result?.data?.gridEventStatistics ?? [];
  const groupLabel = GROUPS.find((g) => g.value === groupBy)?.label.replace('按', '') ?? '';
  return (
    <div>
      <Typography.Title level={4}>考核统计</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" className="page-toolbar">
          <Form.Item label="统计维度">
            <Segmented aria-label="统计维度" value={groupBy} onChange={(v) => setGroupBy(String(v))} options={GROUPS.filter((g) => isGrid || g.value !== 'WORKER')} />
          </Form.Item>
          <Form.Item label="上报日期">
            <DatePicker.RangePicker aria-label="上报日期" value={range} onChange={(v) => setRange(v)} placeholder={['开始日期', '结束日期']} allowEmpty={[true, true]} />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {from || to ? `统计 ${from ? formatDate(from) : '最早'} 至 ${to ? formatDate(to) : '今天'} 上报的事件（北京时间）。` : '统计全部上报的事件。'}
          {!isGrid && ` ${SMALL_EVENTS_EXPLANATION}`}
        </Typography.Paragraph>
      </Card>
      <AnswerNotices refused={refused} errors={result?.errors} showOutOfJurisdiction />
      <Card size="small" style={{ marginBottom: 12 }}>
        <StatisticsChart title={`各${groupLabel}事件办理情况`} bars={rows.map((r) => ({ key: r.key, name: r.name ?? r.key, reported: r.reported, closed: r.closed, overdue: r.overdue }))} />
      </Card>
      <div data-testid="statistics-table">
        <Table
          size="small"
          rowKey="key"
          loading={loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          locale={{ emptyText: '暂无事件' }}
          columns={[
            { title: groupLabel, key: 'name', render: (_, r) => <span data-statistics-row={r.key}>{r.name ?? r.key}</span> },
            { title: '上报', key: 'reported', align: 'right', render: (_, r) => <span data-figure="reported">{count(r.reported)}</span> },
            { title: '结案', key: 'closed', align: 'right', render: (_, r) => <span data-figure="closed">{count(r.closed)}</span> },
            { title: '按时处置', key: 'onTime', align: 'right', render: (_, r) => <span data-figure="onTime">{count(r.onTime)}</span> },
            { title: '超期', key: 'overdue', align: 'right', render: (_, r) => <span data-figure="overdue">{count(r.overdue)}</span> },
            { title: '平均办结用时', key: 'meanHoursToClose', align: 'right', render: (_, r) => <span data-figure="meanHoursToClose">{durationLabel(r.meanHoursToClose)}</span> },
            {
              title: '平均满意度',
              key: 'meanSatisfaction',
              align: 'right',
              render: (_, r) => <span data-figure="meanSatisfaction">{r.meanSatisfaction === null || r.meanSatisfaction === undefined ? '—' : `${r.meanSatisfaction.toFixed(1)} / 5`}</span>,
            },
          ]}
        />
      </div>
    </div>
  );
}
