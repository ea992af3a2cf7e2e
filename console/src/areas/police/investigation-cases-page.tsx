import { LeftOutlined, LogoutOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Result, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { HubGraphQLError } from '../../api/errors';
import { RequestRefused } from '../../api/graphql';
import { useHubQuery, useHubRequest } from '../../api/use-query';
import { useCursorStack } from '../grid-center/keyset';
import { formatDate } from '../../format/dates';
import { regionName } from '../../format/regions';
import type { InvestigationCaseRowFragment } from '../../gql/graphql';
import { AnswerNotices } from '../../policy/answer-notices';
import { departmentErrors } from '../../policy/department-errors';
import { Guarded } from '../../policy/guarded';
import { useSession, type SessionUser } from '../../session/session';
import { refusalText } from '../civil-affairs/labels';
import { OpenCaseDialog } from './open-case-dialog';
import { CloseInvestigationCaseMutation, InvestigationCasesQuery } from './queries';
import './police.css';

const INVESTIGATION = 'CASE_INVESTIGATION';

type Shown = 'OPEN' | 'CLOSED' | 'ALL';
const SHOWN: { value: Shown; label: string; open: boolean | null; none: string }[] = [
  { value: 'OPEN', label: '在办', open: true, none: '辖区内没有在办案件' },
  { value: 'CLOSED', label: '已结', open: false, none: '辖区内没有已结案件' },
  { value: 'ALL', label: '全部', open: null, none: '辖区内还没有登记的案件' },
];
const PAGE_SIZES = [10, 20, 50];
/** More names than this in a cell read "等 N 人", with every name in the cell's tooltip. */
const SUBJECTS_SHOWN = 4;
const CLOSING_RULE = '由立案人或审批人（SUPERVISOR）结案';

/** The API closes a case for the officer who opened it or a supervisor; the page offers 结案 to them only. */
function mayClose(user: SessionUser, found: InvestigationCaseRowFragment): boolean {
  return found.openedBy === user.sub || user.role === 'SUPERVISOR';
}

/**
 * 案件登记: the police cases of the jurisdiction, under 案件侦查. Here the officer registers a case (立案登记),
 * chooses the case the console's other queries then carry (在此案件下工作) and closes it (结案). The register's
 * requests carry no case: they need none, and the session's case may be the one just closed.
 */
export function InvestigationCasesPage() {
  const { session, purpose, choosePurpose } = useSession();
  if (purpose?.code === INVESTIGATION) return <CaseRegister />;
  const offered = session?.info.purposes.find((p) => p.code === INVESTIGATION);
  return (
    <Result
      status="info"
      title="案件登记用于「案件侦查」"
      subTitle={`立案登记、在案件下工作和结案都须以「案件侦查」为用途；当前用途是「${purpose?.label ?? '未选择'}」，不能查看案件登记。`}
      extra={
        offered && (
          <Button type="primary" onClick={() => choosePurpose(INVESTIGATION)}>
            改为「{offered.label}」用途
          </Button>
        )
      }
    />
  );
}

function CaseRegister() {
  const { session, choosePurpose } = useSession();
  const { message } = App.useApp();
  const [shown, setShown] = useState<Shown>('OPEN');
  const [pageSize, setPageSize] = useState(20);
  const pager = useCursorStack();
  const { after } = pager;
  const [registering, setRegistering] = useState(false);
  const [closing, setClosing] = useState<InvestigationCaseRowFragment>();
  const filter = SHOWN.find((s) => s.value === shown)!;
  const { loading, result, refused, reload } = useHubQuery(InvestigationCasesQuery, { open: filter.open, first: pageSize, after }, { caseId: '' });
  if (!session) return null;
  const { user, jurisdictionName } = session.info;
  const current = session.caseId;
  const page = result?.data?.investigationCases;
  const errors = result?.errors ?? [];

  return (
    <div>
      <Typography.Title level={4}>案件登记</Typography.Title>
      {current ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="current-case"
          title={`正在案件 ${current} 下工作：其他页面的查询都以此案件编号为据，并记入审计日志。`}
          action={
            <Button size="small" icon={<LogoutOutlined />} onClick={() => choosePurpose(INVESTIGATION)}>
              离开此案件
            </Button>
          }
        />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="current-case" title="尚未选择案件：查询人员等信息前，请在下表的在办案件中点击「在此案件下工作」，或先立案登记。" />
      )}
      <Space wrap className="page-toolbar">
        <Segmented<Shown>
          aria-label="案件状态"
          value={shown}
          options={SHOWN.map(({ value, label }) => ({ value, label }))}
          onChange={(value) => {
            setShown(value);
            pager.reset();
          }}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
          立案登记
        </Button>
        <Typography.Text type="secondary">辖区：{jurisdictionName ?? user.jurisdiction}。案件登记无须关联案件即可查看和办理。</Typography.Text>
      </Space>
      <AnswerNotices refused={refused} errors={errors} />
      <Table<InvestigationCaseRowFragment>
        size="small"
        bordered
        rowKey="caseNumber"
        loading={loading}
        dataSource={page?.nodes ?? []}
        columns={columns({ user, jurisdictionName, current, errors, work: (n) => choosePurpose(INVESTIGATION, n), close: setClosing })}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => (row.caseNumber === current ? 'current-case' : '')}
        locale={{ emptyText: refused ? '查询未完成' : filter.none }}
        data-testid="investigation-cases"
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button icon={<LeftOutlined />} disabled={pager.page <= 1 || loading} onClick={pager.previous}>
          上一页
        </Button>
        <Button disabled={!page?.pageInfo.hasNextPage || !page.pageInfo.endCursor || loading} onClick={() => pager.next(page?.pageInfo.endCursor)}>
          下一页 <RightOutlined />
        </Button>
        <span data-testid="page-position">
          第 {pager.page} 页 · 共 {page?.totalCount ?? '—'} 件
        </span>
        <Select
          aria-label="每页条数"
          value={pageSize}
          onChange={(size) => {
            setPageSize(size);
            pager.reset();
          }}
          options={PAGE_SIZES.map((size) => ({ value: size, label: `每页 ${size} 条` }))}
          style={{ width: 120 }}
        />
      </Space>
      <OpenCaseDialog
        open={registering}
        onClose={() => setRegistering(false)}
        onOpened={(caseNumber) => {
          setRegistering(false);
          message.success(`案件 ${caseNumber} 已登记`);
          // The new case is open: the 在办 list from its first page shows it (the register is ordered by number).
          setShown((s) => (s === 'CLOSED' ? 'OPEN' : s));
          pager.reset();
          reload();
        }}
      />
      <CloseCaseDialog
        found={closing}
        onClose={() => setClosing(undefined)}
        onClosed={(caseNumber) => {
          setClosing(undefined);
          message.success(`案件 ${caseNumber} 已结案`);
          // Its access ended with the closing: a session working under it works under no case from now on.
          if (caseNumber === current) choosePurpose(INVESTIGATION);
          reload();
        }}
      />
    </div>
  );
}

interface ColumnContext {
  user: SessionUser;
  jurisdictionName: string | null;
  current: string | undefined;
  errors: readonly HubGraphQLError[];
  work: (caseNumber: string) => void;
  close: (found: InvestigationCaseRowFragment) => void;
}

function columns({ user, jurisdictionName, current, errors, work, close }: ColumnContext): ColumnsType<InvestigationCaseRowFragment> {
  const population = departmentErrors(errors, 'POPULATION');
  const at = (i: number, j: number) => ['investigationCases', 'nodes', i, 'subjects', j, 'name'];
  // The name only (the code in its tooltip): the register must fit a laptop's screen with every column.
  const region = (code: string) => (
    <Tooltip title={`区划代码 ${code}`}>
      <span data-region={code}>{(code === user.jurisdiction && jurisdictionName) || regionName(code) || code}</span>
    </Tooltip>
  );
  return [
    {
      title: '案件编号',
      dataIndex: 'caseNumber',
      render: (caseNumber: string) => <Typography.Text strong={caseNumber === current}>{caseNumber}</Typography.Text>,
    },
    {
      title: '简要案情',
      dataIndex: 'summary',
      render: (summary: string | null) => (
        <Typography.Paragraph className="case-summary" ellipsis={{ rows: 2, tooltip: summary }} style={{ margin: 0 }}>
          {summary ?? '—'}
        </Typography.Paragraph>
      ),
    },
    { title: '所属区域', dataIndex: 'jurisdiction', render: (code: string | null) => (code ? region(code) : '—') },
    { title: '立案人', dataIndex: 'openedByName', render: (name: string | null, row) => (row.openedBy === user.sub ? `${name ?? user.name}（本人）` : (name ?? '—')) },
    { title: '立案日期', dataIndex: 'openedOn', render: formatDate },
    {
      title: '状态',
      key: 'status',
      render: (_, row) =>
        row.open ? (
          <Tag color="green">在办</Tag>
        ) : (
          <Tooltip title={row.closingReason ? `结案说明：${row.closingReason}` : undefined}>
            <div>
              <Tag>已结</Tag>
              <div>{formatDate(row.closedOn)}</div>
            </div>
          </Tooltip>
        ),
    },
    {
      title: '涉案人员',
      key: 'subjects',
      render: (_, row, i) => {
        const subjects = row.subjects ?? [];
        if (subjects.length === 0) return <span className="no-data">—</span>;
        // One box per name: the cell's gap keeps the names apart (a name is 2–4 characters, with no separator of its own).
        const names = subjects.slice(0, SUBJECTS_SHOWN).map((subject, j) => (
          <span key={subject.id}>
            <Guarded value={subject.name} errors={population} path={at(i, j)} />
          </span>
        ));
        const more = subjects.length - SUBJECTS_SHOWN;
        return (
          <span className="case-subjects">
            {names}
            {more > 0 && <Tooltip title={subjects.map((s) => s.name ?? '（不予显示）').join('、')}>等 {subjects.length} 人</Tooltip>}
          </span>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, row) => {
        if (!row.open) return <span className="no-data">—</span>;
        const closable = mayClose(user, row);
        return (
          <Space size={4}>
            {row.caseNumber === current ? (
              <Tag color="gold">工作中</Tag>
            ) : (
              <Button size="small" type="primary" aria-label={`在案件 ${row.caseNumber} 下工作`} onClick={() => work(row.caseNumber)}>
                在此案件下工作
              </Button>
            )}
            <Tooltip title={closable ? undefined : CLOSING_RULE}>
              <Button size="small" danger disabled={!closable} aria-label={`结案 ${row.caseNumber}`} onClick={() => close(row)}>
                结案
              </Button>
            </Tooltip>
          </Space>
        );
      },
    },
  ];
}

/** 结案: asks for the 结案说明 (required), then closes the case; the server's refusal is shown in the dialog. */
function CloseCaseDialog({ found, onClose, onClosed }: { found: InvestigationCaseRowFragment | undefined; onClose: () => void; onClosed: (caseNumber: string) => void }) {
  const request = useHubRequest();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  async function confirm() {
    if (!found) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    try {
      // Sent without the session's case: closing needs none, and the session may work under another (or this) one.
      const result = await request(CloseInvestigationCaseMutation, { caseNumber: found.caseNumber, reason }, '');
      if (!result.data?.closeInvestigationCase) {
        setRefusal(result.errors[0] ? refusalText(result.errors[0], result.requestId) : '未能结案，请稍后重试。');
        return;
      }
      form.resetFields();
      onClosed(found.caseNumber);
    } catch (error) {
      setRefusal(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!found}
      title={found ? `结案：${found.caseNumber}` : ''}
      okText="确认结案"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void confirm()}
      onCancel={() => {
        form.resetFields();
        setRefusal(undefined);
        onClose();
      }}
      // The form stays mounted between dialogs (see EventActions): a form destroyed by one dialog's closing
      // animation while the next opens would leave the confirm button checking nothing.
      forceRender
    >
      <Typography.Paragraph type="secondary">结案后，以此案件编号发出的查询一律被拒绝（包括正在此案件下工作的同事）。结案不可撤销。</Typography.Paragraph>
      {found?.summary && <Typography.Paragraph>简要案情：{found.summary}</Typography.Paragraph>}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label="结案说明" rules={[{ required: true, whitespace: true, message: '请填写结案说明' }]}>
          <Input.TextArea aria-label="结案说明" rows={3} maxLength={1000} showCount placeholder="例如：犯罪嫌疑人已到案，移送起诉" />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon role="alert" title={refusal} />}
    </Modal>
  );
}
