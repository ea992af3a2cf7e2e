import { DownloadOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { RequestRefused, type HubResult } from '../../api/graphql';
import type { CivilReviewApplicationIdsQuery } from '../../gql/graphql';
import { useHubRequest } from '../../api/use-query';
import { formatDateTime } from '../../format/dates';
import { useSession } from '../../session/session';
import { isOpenStatus, reasonLabel, refusalText, yuan } from './labels';
import { useLeaveCase } from './applications-page';
import { ReviewApplicationIdsQuery, ReviewChunkQuery } from './queries';
import { CANCELLED, CHUNKS_IN_FLIGHT, MAX_BATCH_REVIEW_APPLICATIONS, countRows, reviewCsv, runReview, type ReviewRow } from './review-run';

type Phase = 'idle' | 'listing' | 'running' | 'done' | 'cancelled' | 'failed';

const OUTCOME_LABELS: Record<ReviewRow['outcome'], string> = { CHECKED: '已核对', NOT_CHECKED: '未核对（案件未开启）', ERROR: '未能核对' };

/**
 * 年度复核: every open application of the jurisdiction checked again, each its own case, in chunks of at most
 * 250 (the gateway's limit), two in flight, a failed chunk tried once more; progress as chunks finish; the report
 * written in the browser as a CSV that matches npm run review's, one line per application, failures included.
 */
export function ReviewPage() {
  useLeaveCase();
  const request = useHubRequest();
  const { session } = useSession();
  const [phase, setPhase] = useState<Phase>('idle');
  const [total, setTotal] = useState(0);
  const [rows, setRows] = useState<ReviewRow[]>([]);
  const [problem, setProblem] = useState<string>();
  const [download, setDownload] = useState<{ url: string; name: string }>();
  const cancelled = useRef(false);
  const running = phase === 'listing' || phase === 'running';

  useEffect(
    () => () => {
      if (download) URL.revokeObjectURL(download.url);
    },
    [download],
  );

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  const start = async () => {
    cancelled.current = false;
    setProblem(undefined);
    setRows([]);
    setTotal(0);
    if (download) URL.revokeObjectURL(download.url);
    setDownload(undefined);
    setPhase('listing');
    const startedAt = new Date();
    const collected: ReviewRow[] = [];
    try {
      // Every application of the jurisdiction, page by page; the open ones are reviewed.
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: HubResult<CivilReviewApplicationIdsQuery> = await request(ReviewApplicationIdsQuery, { first: 500, after }, '');
        const list = page.data?.assistanceApplications;
        if (!list) throw new RequestRefused(page.errors[0] ?? { message: '申请列表未返回', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 0, page.requestId);
        ids.push(...list.nodes.filter((n) => isOpenStatus(n.status)).map((n) => n.id));
        if (cancelled.current || !list.pageInfo.hasNextPage || !list.pageInfo.endCursor) break;
        after = list.pageInfo.endCursor;
      }
      setTotal(ids.length);
      setPhase('running');
      await runReview({
        ids,
        chunkSize: MAX_BATCH_REVIEW_APPLICATIONS,
        concurrency: CHUNKS_IN_FLIGHT,
        cancelled: () => cancelled.current,
        // Each chunk names its applications as its cases: no X-Case-Id.
        check: async (chunk) => {
          const answer = await request(ReviewChunkQuery, { ids: chunk }, '');
          if (!answer.data?.subsistenceChecks) throw new RequestRefused(answer.errors[0] ?? { message: '核对未返回结果', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 0, answer.requestId);
          return answer.data.subsistenceChecks;
        },
        describe: (error) => (error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String((error as Error)?.message ?? error)),
        onRows: (chunkRows) => {
          collected.push(...chunkRows);
          setRows([...collected]);
        },
      });
      setPhase(cancelled.current ? 'cancelled' : 'done');
    } catch (error) {
      setProblem(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
      setPhase('failed');
    }
    if (collected.length > 0) {
      const blob = new Blob([reviewCsv(collected)], { type: 'text/csv;charset=utf-8' });
      setDownload({ url: URL.createObjectURL(blob), name: `subsistence-review-${startedAt.toISOString().replace(/[:.]/g, '-')}.csv` });
    }
  };

  const counts = countRows(rows, total);
  const percent = total > 0 ? Math.floor((counts.done / total) * 100) : phase === 'done' ? 100 : 0;
  const cancelledRows = rows.filter((r) => r.error === CANCELLED).length;
  const attention = rows.filter((r) => r.outcome !== 'CHECKED' || !r.eligible);
  return (
    <div>
      <Typography.Title level={4}>年度复核</Typography.Title>
      <Card size="small">
        <Typography.Paragraph type="secondary">
          对辖区（{session?.info.jurisdictionName ?? session?.info.user.jurisdiction}）内所有办理中的低保申请重新进行家庭经济状况核对。每件申请即一个案件，只核对已收到授权书的申请；每批不超过{' '}
          {MAX_BATCH_REVIEW_APPLICATIONS} 件、同时 {CHUNKS_IN_FLIGHT} 批，失败的批次自动重试一次，仍失败的逐件列入报告。每次核对均存档为核对报告。
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => void start()} loading={running} disabled={running}>
            开始年度复核
          </Button>
          <Button icon={<StopOutlined />} danger disabled={!running} onClick={() => (cancelled.current = true)}>
            取消
          </Button>
          {download && (
            <Button href={download.url} download={download.name} icon={<DownloadOutlined />} data-testid="review-csv">
              下载复核报告（CSV）
            </Button>
          )}
        </Space>
        {phase !== 'idle' && (
          <div style={{ marginTop: 16 }} data-testid="review-progress">
            <Progress percent={percent} status={phase === 'failed' || phase === 'cancelled' ? 'exception' : phase === 'done' ? 'success' : 'active'} aria-label="复核进度" />
            <div className="review-counts">
              <span>
                已核对<strong data-testid="review-done">{counts.done}</strong> / 共<strong data-testid="review-total">{total}</strong>
              </span>
              <span>
                符合
                <strong style={{ color: '#389e0d' }} data-testid="review-eligible">
                  {counts.eligible}
                </strong>
              </span>
              <span>
                不符合
                <strong style={{ color: '#cf1322' }} data-testid="review-ineligible">
                  {counts.ineligible}
                </strong>
              </span>
              <span>
                未能核对
                <strong style={{ color: '#d46b08' }} data-testid="review-unchecked">
                  {counts.unchecked}
                </strong>
              </span>
            </div>
            {phase === 'listing' && <Typography.Text type="secondary">正在读取辖区内的申请……</Typography.Text>}
            {phase === 'done' && (
              <Alert type="success" showIcon title={`年度复核完成：共 ${total} 件，符合 ${counts.eligible} 件，不符合 ${counts.ineligible} 件，未能核对 ${counts.unchecked} 件。可下载复核报告。`} />
            )}
            {phase === 'cancelled' && <Alert type="warning" showIcon title={`已取消：${cancelledRows} 件未发送核对，已在报告中逐件列出。`} />}
            {problem && <Alert type="error" showIcon title={problem} role="alert" />}
          </div>
        )}
      </Card>
      {attention.length > 0 && (
        <Card size="small" title={`需关注的申请（不符合或未能核对，${attention.length} 件）`} style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey="applicationId"
            dataSource={attention}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              { title: '申请编号', dataIndex: 'applicationId', render: (id: string) => <Link to={`/civil-affairs/applications/${id}`}>{id}</Link> },
              {
                title: '核对状态',
                dataIndex: 'outcome',
                render: (outcome: ReviewRow['outcome']) => <Tag color={outcome === 'CHECKED' ? 'error' : 'warning'}>{outcome === 'CHECKED' ? '不符合' : OUTCOME_LABELS[outcome]}</Tag>,
              },
              { title: '原因', render: (_, r) => (r.error ? r.error : r.reasons.map(reasonLabel).join('；')) },
              { title: '人均月收入', dataIndex: 'perCapitaMonthlyIncome', render: (v: number | null) => yuan(v) },
              { title: '核对时间', dataIndex: 'checkedAt', render: (v: string | null) => formatDateTime(v) },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
