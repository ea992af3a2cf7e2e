import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useHubQuery } from '../../api/use-query';
import { formatDate, todayInChina } from '../../format/dates';
import { codeOptions } from '../../format/labels';
import { pastDateProblem } from '../../format/validate';
import { AnswerNotices } from '../../policy/answer-notices';
import { useSession } from '../../session/session';
import { StatusTag } from './application-page';
import { STAGES, stageLabel } from './labels';
import { ApplicationListQuery } from './queries';

interface Filters {
  status?: string;
  stage?: string;
  appliedFrom?: string;
  appliedTo?: string;
}

interface FilterForm {
  status?: string;
  stage?: string;
  applied?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE_SIZES = [10, 20, 50, 100];

/** The case a session works under ends when the caseworker goes back to the jurisdiction's lists. */
export function useLeaveCase(): void {
  const { session, choosePurpose } = useSession();
  useEffect(() => {
    if (session?.caseId) choosePurpose('SUBSISTENCE_REVIEW');
  }, [session?.caseId, choosePurpose]);
}

/**
 * 申请列表: the jurisdiction's 低保 applications (civil affairs' own casework: listed without a case), narrowed by
 * status, 办理环节 and 受理 date, paged forwards by the API's cursor and backwards by the cursors already seen.
 */
export function ApplicationsPage() {
  useLeaveCase();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>({});
  const [pageSize, setPageSize] = useState(20);
  /** The `after` cursor of every page up to the current one (null: the first page). */
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1];
  const { loading, result, refused, reload } = useHubQuery(ApplicationListQuery, { ...filters, first: pageSize, after }, { caseId: '' });
  const page = result?.data?.assistanceApplications;
  const today = todayInChina();

  const search = (values: FilterForm) => {
    const [from, to] = values.applied ?? [];
    setFilters({ status: values.status || undefined, stage: values.stage || undefined, appliedFrom: from?.format('YYYY-MM-DD'), appliedTo: to?.format('YYYY-MM-DD') });
    setCursors([null]);
    // 查询 always asks again, even for the filters already shown (Enter in a date field may have sent them): the
    // caseworker presses it to see the applications as they are now.
    reload();
  };

  return (
    <div>
      <Typography.Title level={4}>低保申请</Typography.Title>
      <Form<FilterForm> form={form} layout="inline" className="page-toolbar" onFinish={search}>
        <Form.Item name="status" label="状态">
          <Select aria-label="状态" allowClear placeholder="全部状态" options={codeOptions('applicationStatus')} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="stage" label="办理环节">
          <Select aria-label="办理环节" allowClear placeholder="全部环节" options={Object.entries(STAGES).map(([value, label]) => ({ value, label }))} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item
          name="applied"
          label="受理日期"
          rules={[
            {
              validator: (_, range: FilterForm['applied']) => {
                const [from, to] = range ?? [];
                const problem =
                  (from && pastDateProblem(from.format('YYYY-MM-DD'), '起始日期')) ||
                  (to && pastDateProblem(to.format('YYYY-MM-DD'), '截止日期')) ||
                  (from && to && from.isAfter(to, 'day') ? '起始日期不能晚于截止日期' : undefined);
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker.RangePicker aria-label="受理日期" placeholder={['起始日期', '截止日期']} format="YYYY-MM-DD" allowEmpty={[true, true]} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={loading}>
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            重置
          </Button>
          <Link to="/civil-affairs/open">
            <Button>受理新申请</Button>
          </Link>
        </Space>
      </Form>
      <AnswerNotices refused={refused} errors={result?.errors} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        申请列表是民政自身的办件记录；申请人及家庭成员的信息只在打开某一申请（案件）后按访问策略显示。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={page?.nodes ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="applications"
        columns={[
          { title: '申请编号', dataIndex: 'id', render: (id: string) => <Link to={`/civil-affairs/applications/${id}`}>{id}</Link> },
          { title: '状态', dataIndex: 'status', render: (status: string) => <StatusTag status={status} /> },
          { title: '办理环节', dataIndex: 'stage', render: stageLabel },
          { title: '受理日期', dataIndex: 'appliedOn', render: formatDate },
          { title: '核对完成', dataIndex: 'verifiedOn', render: formatDate },
          { title: '公示届满', dataIndex: 'publicityEndsOn', render: formatDate },
          { title: '办结日期', dataIndex: 'decidedOn', render: formatDate },
          { title: '户编号', render: (_, a) => a.household?.id ?? '—' },
          { title: '授权书', dataIndex: 'authorizationOnFile', render: (on: boolean) => (on ? '已收到' : <Tag color="error">未收到</Tag>) },
          {
            title: '最近核对',
            render: (_, a) => (a.latestCheck ? <Tag color={a.latestCheck.eligible ? 'success' : 'error'}>{a.latestCheck.eligible ? '符合' : '不符合'}</Tag> : <span className="no-data">未核对</span>),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button icon={<LeftOutlined />} disabled={cursors.length <= 1 || loading} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!page?.pageInfo.hasNextPage || !page.pageInfo.endCursor || loading} onClick={() => setCursors((stack) => [...stack, page!.pageInfo.endCursor!])}>
          下一页 <RightOutlined />
        </Button>
        <span data-testid="page-position">
          第 {cursors.length} 页 · 共 {page?.totalCount ?? '—'} 件
        </span>
        <Select
          aria-label="每页条数"
          value={pageSize}
          onChange={(size) => {
            setPageSize(size);
            setCursors([null]);
          }}
          options={PAGE_SIZES.map((size) => ({ value: size, label: `每页 ${size} 条` }))}
          style={{ width: 120 }}
        />
      </Space>
    </div>
  );
}
