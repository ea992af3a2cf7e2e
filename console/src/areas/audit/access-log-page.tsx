import { Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { departmentOf } from '@topology/departments';
import { graphql } from '../../gql';
import type { AuditAccessLogQuery as AccessLogData } from '../../gql/graphql';
import { useHubQuery } from '../../api/use-query';
import { formatDateTime } from '../../format/dates';
import { departmentLabel, ROLE_LABELS } from '../../format/labels';
import { idNumberRule } from '../../format/validate';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { fieldClassLabel, OUTCOME_LABELS, outcomeLabel, purposeLabel } from './labels';

/**
 * Who looked at one person, across the five departments' access logs, newest first. The person's own record is
 * asked for only as the audit purpose shows it (name and ID number masked), to confirm whose log this is.
 */
export const AuditAccessLogQuery = graphql(`
  query AuditAccessLog($idNumber: String!, $first: Int) {
    person(idNumber: $idNumber) {
      id
      name
      idNumber
    }
    accessLog(idNumber: $idNumber, first: $first) {
      at
      subgraph
      requestId
      userId
      userName
      department
      role
      purpose
      caseId
      fieldClasses
      outcome
    }
  }
`);

type AccessEventRow = AccessLogData['accessLog'][number];

const PAGE = 50;
/** The API's most events per look (pageSize). */
const MOST = 500;

/** China's wall-clock time to the second: an audit trail is read to the second. */
function whenText(at: string): string {
  const seconds = new Date(Date.parse(at)).getUTCSeconds();
  return `${formatDateTime(at)}:${String(seconds).padStart(2, '0')}`;
}

function Who({ event }: { event: AccessEventRow }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{event.userName ?? event.userId ?? '—'}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {event.userName ? `${event.userId ?? ''} · ` : ''}
        {event.role ? (ROLE_LABELS[event.role] ?? event.role) : ''}
      </Typography.Text>
    </Space>
  );
}

/** 谁查看了我的信息: a person's access log, filtered by department and purpose on the page. */
export function AccessLogPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const initial = (location.state as { idNumber?: string } | null)?.idNumber;
  const [idNumber, setIdNumber] = useState<string | undefined>(initial);
  const [first, setFirst] = useState(PAGE);
  const [department, setDepartment] = useState<string | undefined>();
  const [purpose, setPurpose] = useState<string | undefined>();
  const { loading, result, refused } = useHubQuery(AuditAccessLogQuery, { idNumber: idNumber ?? '', first }, { skip: !idNumber });
  const errors = new FieldErrors(result?.errors);
  const person = result?.data?.person;
  const events = useMemo(() => result?.data?.accessLog ?? [], [result]);
  const shown = events.filter((e) => (!department || e.department === department) && (!purpose || e.purpose === purpose));
  const departments = [...new Set(events.map((e) => e.department))].sort();
  const purposes = [...new Set(events.map((e) => e.purpose).filter((p): p is string => !!p))].sort();
  const mayHaveMore = events.length >= first && first < MOST;

  return (
    <div>
      <Typography.Title level={4}>谁查看了我的信息</Typography.Title>
      <Typography.Paragraph type="secondary">
        输入公民身份号码，汇总人口、房屋、民政、公安、网格中心五个部门访问日志中与此人有关的记录（最新的在前）。本次查询本身也会记入审计日志。
      </Typography.Paragraph>
      <Form
        layout="inline"
        className="page-toolbar"
        initialValues={{ idNumber: initial }}
        onFinish={(values: { idNumber: string }) => {
          const value = values.idNumber.trim().toUpperCase();
          setIdNumber(value);
          setFirst(PAGE);
          setDepartment(undefined);
          setPurpose(undefined);
          // The ID number travels in the page's state, never in its address (history, logs).
          navigate(location.pathname, { replace: true, state: { idNumber: value } });
        }}
      >
        <Form.Item name="idNumber" label="身份证号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
          <Input aria-label="身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 240 }} allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          查询访问记录
        </Button>
      </Form>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {result?.data && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" title="被查看人">
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="姓名">
                {person || errors.at(['person']) ? <Guarded value={person?.name} errors={errors} path={['person', 'name']} /> : '本平台人口库中无此身份证号码'}
              </Descriptions.Item>
              <Descriptions.Item label="身份证号码">{person || errors.at(['person']) ? <Guarded value={person?.idNumber} errors={errors} path={['person', 'idNumber']} /> : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            size="small"
            title={`访问记录（已载入最新 ${events.length} 条${shown.length !== events.length ? `，筛选后 ${shown.length} 条` : ''}）`}
            extra={
              <Space wrap>
                <Select
                  aria-label="按访问部门筛选"
                  placeholder="全部访问部门"
                  allowClear
                  style={{ width: 160 }}
                  value={department}
                  onChange={setDepartment}
                  options={departments.map((d) => ({ value: d, label: departmentLabel(d) }))}
                />
                <Select
                  aria-label="按用途筛选"
                  placeholder="全部用途"
                  allowClear
                  style={{ width: 200 }}
                  value={purpose}
                  onChange={setPurpose}
                  options={purposes.map((p) => ({ value: p, label: purposeLabel(p) }))}
                />
              </Space>
            }
          >
            <Table<AccessEventRow>
              size="small"
              data-testid="access-log"
              rowKey={(e) => `${e.subgraph}|${e.requestId}|${e.at}|${e.outcome}|${e.fieldClasses?.join(',')}`}
              dataSource={shown}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 条` }}
              locale={{ emptyText: events.length === 0 ? '没有与此人有关的访问记录' : '没有符合筛选条件的记录' }}
              columns={[
                { title: '时间（北京时间）', key: 'at', render: (_, e) => whenText(e.at), width: 190 },
                { title: '查看人', key: 'who', render: (_, e) => <Who event={e} /> },
                { title: '所在部门', key: 'department', render: (_, e) => departmentLabel(e.department) },
                { title: '用途', key: 'purpose', render: (_, e) => purposeLabel(e.purpose) },
                { title: '案件', key: 'case', render: (_, e) => e.caseId ?? <span className="no-data">无</span> },
                {
                  title: '涉及信息',
                  key: 'fields',
                  render: (_, e) => (
                    <Space size={[0, 4]} wrap style={{ maxWidth: 320 }}>
                      {(e.fieldClasses ?? []).map((c) => (
                        <Tooltip key={c} title={c}>
                          <Tag>{fieldClassLabel(c)}</Tag>
                        </Tooltip>
                      ))}
                    </Space>
                  ),
                },
                { title: '结果', key: 'outcome', render: (_, e) => <Tag color={OUTCOME_LABELS[e.outcome ?? '']?.color}>{outcomeLabel(e.outcome)}</Tag> },
                { title: '记录部门', key: 'source', render: (_, e) => departmentLabel(departmentOf(e.subgraph)) },
                {
                  title: '请求编号',
                  key: 'request',
                  render: (_, e) => (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={e.requestId ? { text: e.requestId, tooltips: ['复制请求编号', '已复制'] } : false}>
                      {e.requestId ? `${e.requestId.slice(0, 8)}…` : '—'}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            {mayHaveMore && (
              <div style={{ marginTop: 8 }}>
                <Button onClick={() => setFirst((n) => Math.min(MOST, n + PAGE))} loading={loading}>
                  载入更早的记录
                </Button>
              </div>
            )}
            {events.length >= MOST && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                一次最多显示最新的 {MOST} 条记录。
              </Typography.Paragraph>
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}
