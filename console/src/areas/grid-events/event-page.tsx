import { DownloadOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, List, Rate, Skeleton, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RequestRefused } from '../../api/graphql';
import { useHubQuery, useHubRequest } from '../../api/use-query';
import { formatDateTime } from '../../format/dates';
import { codeLabel, departmentLabel, ROLE_LABELS } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { useSession } from '../../session/session';
import { DwellingLink, GridLink, PersonLink } from '../grid-center/links';
import { EventActions } from './event-actions';
import { actionLabel, hoursLabel, priorityLabel, SATISFACTION_LABELS, statusLabel } from './labels';
import { refusalText } from '../civil-affairs/labels';
import { GridEventAttachmentContentQuery, GridEventFollowUpQuery, GridEventQuery } from './queries';
import { SlaLight, StatusTag } from './sla-light';
import { useCategories } from './use-categories';

const sizeLabel = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} 字节`);

/** Saves one attachment: its bytes are fetched only now, checked against the SHA-256 the event lists, and handed to the browser as a file. */
function DownloadAttachment({ eventId, attachment }: { eventId: string; attachment: { id: string; fileName: string; contentType: string; sha256: string } }) {
  const request = useHubRequest();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const result = await request(GridEventAttachmentContentQuery, { id: eventId });
      const content = result.data?.gridEvent?.attachments?.find((a) => a.id === attachment.id)?.contentBase64;
      if (!content) {
        message.error(result.errors[0] ? refusalText(result.errors[0], result.requestId) : '未能取得附件内容');
        return;
      }
      const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
      // Web Crypto exists only in a secure context (HTTPS or this machine); an office intranet on plain HTTP saves unchecked.
      const digest = globalThis.crypto?.subtle ? Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('') : attachment.sha256;
      if (digest !== attachment.sha256) {
        message.error('附件内容与登记的校验值不一致，未保存');
        return;
      }
      const url = URL.createObjectURL(new Blob([bytes], { type: attachment.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      message.error(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} aria-label={`下载 ${attachment.fileName}`}>
      下载
    </Button>
  );
}

/** 事件详情: what was reported, by whom, where and about whom, where it stands, and its whole file (history). */
export function EventPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const isGrid = session?.info.user.dept === 'GRID';
  const { categories } = useCategories();
  const { loading, result, refused, reload } = useHubQuery(GridEventQuery, { id });
  const followUp = useHubQuery(GridEventFollowUpQuery, { id }, { skip: !isGrid || !result?.data?.gridEvent });
  const errors = new FieldErrors([...(result?.errors ?? []), ...(followUp.result?.errors ?? [])]);
  const event = result?.data?.gridEvent;
  const extra = followUp.result?.data?.gridEvent;
  const reload2 = () => {
    reload();
    followUp.reload();
  };
  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: isGrid ? <Link to="/grid/events/list">网格事件</Link> : <Link to="/grid/events/queue">我的待办</Link> }, { title: event?.categoryName ?? '事件' }]}
      />
      <AnswerNotices refused={refused} errors={result?.errors} showOutOfJurisdiction />
      {loading && !event && <Skeleton active />}
      {result && !event && !errors.at(['gridEvent']) && <Empty description="未找到该事件，或它不在您的辖区、未分拨给您的部门。" />}
      {event && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="event-title">
              {event.categoryName ?? event.category} <StatusTag status={event.status} /> {event.slaLight && <SlaLight light={event.slaLight} deadline={event.deadline} />}
            </Typography.Title>
            <EventActions event={{ ...event, reporterId: extra?.reporterId }} categories={categories} onChanged={reload2} />
          </Space>
          <Card size="small" title="事件信息">
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="event-details">
              <Descriptions.Item label="事件类别">
                {event.categoryName}（{event.category}）
              </Descriptions.Item>
              <Descriptions.Item label="状态">{statusLabel(event.status)}</Descriptions.Item>
              <Descriptions.Item label="优先级">
                {priorityLabel(event.priority)}
                {event.escalated ? `（已督办 ${event.escalationCount ?? 1} 次）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="网格">
                <GridLink code={event.gridCode ?? ''}>{event.grid?.name ?? event.gridCode}</GridLink>
              </Descriptions.Item>
              <Descriptions.Item label="地点">{event.address}</Descriptions.Item>
              <Descriptions.Item label="房屋">
                <Guarded
                  value={event.dwelling}
                  errors={errors}
                  path={['gridEvent', 'dwelling']}
                  render={(d: NonNullable<typeof event.dwelling>) => <DwellingLink id={d.id}>{d.address ?? d.id}</DwellingLink>}
                />
              </Descriptions.Item>
              <Descriptions.Item label="事件描述" span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{event.description}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label="上报人">
                <Guarded value={event.reporterName} errors={errors} path={['gridEvent', 'reporterName']} />
              </Descriptions.Item>
              <Descriptions.Item label="上报时间">{formatDateTime(event.reportedAt)}</Descriptions.Item>
              {extra?.returnReason && <Descriptions.Item label="退回理由">{extra.returnReason}</Descriptions.Item>}
              <Descriptions.Item label="承办部门">{event.assignedDepartment ? departmentLabel(event.assignedDepartment) : '—'}</Descriptions.Item>
              <Descriptions.Item label="分拨时间">{formatDateTime(event.dispatchedAt)}</Descriptions.Item>
              <Descriptions.Item label="处置时限">{hoursLabel(event.slaHours)}</Descriptions.Item>
              <Descriptions.Item label="办结时限">
                <span data-testid="deadline">{formatDateTime(event.deadline)}</span>
              </Descriptions.Item>
              <Descriptions.Item label="处置结果">{event.handlingResult ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="处置完毕">{formatDateTime(event.handledAt)}</Descriptions.Item>
              <Descriptions.Item label="结案时间">{formatDateTime(event.closedAt)}</Descriptions.Item>
              {event.escalationNote && (
                <Descriptions.Item label="督办意见">
                  {event.escalationNote}（{formatDateTime(event.escalatedAt)}）
                </Descriptions.Item>
              )}
              {isGrid && extra && (
                <Descriptions.Item label="回访满意度">
                  <Guarded
                    value={extra.satisfaction}
                    errors={errors}
                    path={['gridEvent', 'satisfaction']}
                    render={(s: number) => (
                      <span data-testid="satisfaction">
                        <Rate disabled value={s} style={{ fontSize: 14 }} /> {s} 星 · {SATISFACTION_LABELS[s]}
                        {extra.followUpNote ? `（${extra.followUpNote}）` : ''}
                      </span>
                    )}
                  />
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title="涉及人员">
            {!event.people ? (
              <Guarded value={null} errors={errors} path={['gridEvent', 'people']} />
            ) : event.people.length === 0 ? (
              <Typography.Text type="secondary">未填写</Typography.Text>
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={event.people}
                data-testid="event-people"
                columns={[
                  {
                    title: '姓名',
                    key: 'name',
                    render: (_, p, i) => (
                      <PersonLink idNumber={p.idNumber}>
                        <Guarded value={p.name} errors={errors} path={['gridEvent', 'people', i, 'name']} />
                      </PersonLink>
                    ),
                  },
                  { title: '身份证号码', key: 'idNumber', render: (_, p, i) => <Guarded value={p.idNumber} errors={errors} path={['gridEvent', 'people', i, 'idNumber']} /> },
                  {
                    title: '性别',
                    key: 'gender',
                    render: (_, p, i) => <Guarded value={p.gender} errors={errors} path={['gridEvent', 'people', i, 'gender']} render={(v: string) => codeLabel('gender', v)} />,
                  },
                ]}
              />
            )}
          </Card>
          <Card size="small" title="附件">
            <Guarded
              value={event.attachments}
              errors={errors}
              path={['gridEvent', 'attachments']}
              render={(attachments: NonNullable<typeof event.attachments>) =>
                attachments.length === 0 ? (
                  <Typography.Text type="secondary">无附件</Typography.Text>
                ) : (
                  <List
                    size="small"
                    data-testid="event-attachments"
                    dataSource={attachments}
                    renderItem={(a) => (
                      <List.Item data-attachment={a.fileName}>
                        <Space wrap>
                          {a.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
                          <span>{a.fileName}</span>
                          <Typography.Text type="secondary">
                            {a.contentType === 'application/pdf' ? 'PDF 文档' : a.contentType === 'image/png' ? 'PNG 图片' : 'JPEG 图片'} · {sizeLabel(a.sizeBytes)}
                          </Typography.Text>
                          <Typography.Text type="secondary" copyable={{ text: a.sha256 }} style={{ fontSize: 12 }}>
                            SHA-256 {a.sha256.slice(0, 12)}…
                          </Typography.Text>
                          <DownloadAttachment eventId={event.id} attachment={a} />
                        </Space>
                      </List.Item>
                    )}
                  />
                )
              }
            />
          </Card>
          <Card size="small" title="办理记录">
            <Timeline
              data-testid="event-history"
              items={event.history.map((step) => ({
                color:
                  step.action === 'RETURN' || step.action === 'REJECT_HANDLING' || step.action === 'ESCALATE'
                    ? 'red'
                    : step.toStatus === 'CLOSED' || step.toStatus === 'FOLLOWED_UP'
                      ? 'green'
                      : 'blue',
                content: (
                  <div data-history-action={step.action}>
                    <Typography.Text strong>{actionLabel(step.action)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {step.fromStatus ? `${statusLabel(step.fromStatus)} → ` : ''}
                      {statusLabel(step.toStatus)}
                    </Typography.Text>
                    <div>
                      {formatDateTime(step.at)} · {step.actorName ?? '—'} · {departmentLabel(step.actorDepartment)}
                      {step.actorRole ? ` · ${ROLE_LABELS[step.actorRole] ?? step.actorRole}` : ''}
                    </div>
                    {step.note && <div className="history-note">{step.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
