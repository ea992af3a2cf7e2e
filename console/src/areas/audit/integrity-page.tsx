import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import type { AuditLogIntegrityQuery as IntegrityData } from '../../gql/graphql';
import { useHubQuery } from '../../api/use-query';
import { formatDateTime } from '../../format/dates';
import { departmentLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { CHAIN_BREAK_LABELS } from './labels';

/** Every department's access log walked along its hash chain (no personal data: counts, a row id, times). */
export const AuditLogIntegrityQuery = graphql(`
  query AuditLogIntegrity {
    accessLogIntegrity {
      department
      status
      intact
      rowsChecked
      firstBrokenRowId
      firstBrokenPosition
      brokenReason
      checkedAt
      durationMs
      problem
    }
  }
`);

type ChainState = IntegrityData['accessLogIntegrity'][number];

const PROBLEM_LABELS: Record<string, string> = { timeout: '超时', 'no connection': '无法连接', 'unreadable answer': '应答无法识别' };

function brokenText(state: ChainState): string {
  const reason = CHAIN_BREAK_LABELS[state.brokenReason ?? ''] ?? state.brokenReason ?? '原因不明';
  return `第 ${state.firstBrokenPosition ?? '?'} 条记录（记录编号 ${state.firstBrokenRowId ?? '?'}）${reason}`;
}

function StatusTag({ state }: { state: ChainState }) {
  if (state.status === 'INTACT')
    return (
      <Tag color="success" icon={<CheckCircleOutlined />}>
        完整
      </Tag>
    );
  if (state.status === 'BROKEN')
    return (
      <Tag color="error" icon={<CloseCircleOutlined />}>
        已断裂
      </Tag>
    );
  if (state.status === 'INCOMPLETE')
    return (
      <Tag color="warning" icon={<ClockCircleOutlined />}>
        未核验完
      </Tag>
    );
  return (
    <Tag color="warning" icon={<QuestionCircleOutlined />}>
      暂无法核验
    </Tag>
  );
}

/** 审计日志完整性: `npm run audit:verify` for auditors — each department's chain, a broken one in red, named. */
export function IntegrityPage() {
  const { loading, result, refused, reload } = useHubQuery(AuditLogIntegrityQuery, {});
  const states = result?.data?.accessLogIntegrity ?? [];
  const broken = states.filter((s) => s.status === 'BROKEN');
  const unavailable = states.filter((s) => s.status === 'UNAVAILABLE');
  const incomplete = states.filter((s) => s.status === 'INCOMPLETE');
  const rows = states.reduce((n, s) => n + s.rowsChecked, 0);
  return (
    <div>
      <Typography.Title level={4}>审计日志完整性</Typography.Title>
      <Typography.Paragraph type="secondary">
        各部门的访问日志只能追加，每条记录的哈希值包含前一条记录的哈希值。核验从每个部门的第一条记录逐条重算到最后一条：有记录被改动、删除或调换顺序，链即断裂，并指出第一条出错的记录。核验结果不含任何个人信息。
      </Typography.Paragraph>
      <div className="page-toolbar">
        <Button type="primary" icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          重新核验
        </Button>
      </div>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {states.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {broken.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="integrity-broken"
              title={`${broken.map((s) => departmentLabel(s.department)).join('、')}的访问日志哈希链已断裂，记录可能被篡改`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {broken.map((s) => (
                    <li key={s.department}>
                      {departmentLabel(s.department)}：{brokenText(s)}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {unavailable.length > 0 && (
            <Alert type="warning" showIcon title={`${unavailable.map((s) => departmentLabel(s.department)).join('、')}的系统暂时无法访问，其访问日志本次未能核验，请稍后重新核验。`} />
          )}
          {incomplete.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`访问日志较长，本次在时限内未核验完：${incomplete.map((s) => `${departmentLabel(s.department)}（已核验前 ${s.rowsChecked.toLocaleString('zh-CN')} 条，未发现断链）`).join('；')}。完整核验请由运维人员运行 npm run audit:verify。`}
            />
          )}
          {broken.length === 0 && unavailable.length === 0 && incomplete.length === 0 && (
            <Alert type="success" showIcon data-testid="integrity-intact" title={`全部 ${states.length} 个部门的访问日志哈希链完整（共核验 ${rows.toLocaleString('zh-CN')} 条记录）`} />
          )}
          <Card size="small" title="各部门访问日志">
            <Table<ChainState>
              size="small"
              data-testid="integrity-table"
              rowKey="department"
              dataSource={states}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(s) => ({ 'data-status': s.status, style: s.status === 'BROKEN' ? { background: '#fff1f0' } : undefined }) as HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: '部门',
                  key: 'department',
                  render: (_, s) => (
                    <Typography.Text strong type={s.status === 'BROKEN' ? 'danger' : undefined}>
                      {departmentLabel(s.department)}
                    </Typography.Text>
                  ),
                },
                { title: '状态', key: 'status', render: (_, s) => <StatusTag state={s} /> },
                {
                  title: '已核验记录',
                  key: 'rows',
                  align: 'right',
                  render: (_, s) => (s.status === 'UNAVAILABLE' ? '—' : `${s.rowsChecked.toLocaleString('zh-CN')} 条${s.status === 'INCOMPLETE' ? '（部分）' : ''}`),
                },
                {
                  title: '首个断链记录',
                  key: 'broken',
                  render: (_, s) =>
                    s.status === 'BROKEN' ? (
                      <Typography.Text type="danger">{brokenText(s)}</Typography.Text>
                    ) : s.status === 'INCOMPLETE' ? (
                      <Typography.Text type="warning">时限内未核验完，已核验部分未发现断链</Typography.Text>
                    ) : s.status === 'UNAVAILABLE' ? (
                      <Typography.Text type="warning">系统未应答，未能核验{s.problem ? `（${PROBLEM_LABELS[s.problem] ?? s.problem}）` : ''}</Typography.Text>
                    ) : (
                      <span className="no-data">无</span>
                    ),
                },
                { title: '核验时间（北京时间）', key: 'checkedAt', render: (_, s) => formatDateTime(s.checkedAt) },
                { title: '耗时', key: 'duration', align: 'right', render: (_, s) => (s.durationMs === null || s.durationMs === undefined ? '—' : `${s.durationMs} 毫秒`) },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
