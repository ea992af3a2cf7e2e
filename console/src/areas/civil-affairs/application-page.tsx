import { AuditOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RequestRefused } from '../../api/graphql';
import { useHubQuery, useHubRequest } from '../../api/use-query';
import { formatDate, formatDateTime } from '../../format/dates';
import { codeLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { useMayWrite } from '../../session/may-write';
import { useSession } from '../../session/session';
import { CONFLICT_TEXT } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { CheckReport, type SubsistenceCheckResult } from './check-report';
import { EndAssistanceForm, type EndableRecord } from './end-assistance-form';
import { isOpenStatus, reasonLabel, refusalText, stageLabel } from './labels';
import { ApplicationCaseQuery, ApplicationRecordQuery, SubsistenceCheckQuery } from './queries';
import { WorkflowCard } from './workflow-card';

/** 终止救助 ends a benefit that still runs (在保 or 暂停); under a 低保 case, a member's 低保. */
const ENDABLE_STATUSES = ['ACTIVE', 'SUSPENDED'];

/** A member's assistance records, each with its status, amount and dates; the 低保 ones that still run offer 终止救助. */
function MemberAssistance({ records, onEnd }: { records: readonly (EndableRecord & { status?: string | null; endOn?: string | null })[]; onEnd?: (record: EndableRecord) => void }) {
  if (records.length === 0) return <span className="no-data">无</span>;
  return (
    <Space orientation="vertical" size={2}>
      {records.map((r) => (
        <Space key={r.id} size={4} wrap data-testid={`assistance-${r.id}`}>
          <span>{codeLabel('assistanceKind', r.kind)}</span>
          <Tag color={r.status === 'ACTIVE' ? 'green' : 'default'}>{codeLabel('assistanceStatus', r.status)}</Tag>
          <Typography.Text type="secondary">
            {r.monthlyAmount !== null && r.monthlyAmount !== undefined ? `${r.monthlyAmount.toFixed(2)} 元/月，` : ''}
            {formatDate(r.startOn)}起{r.endOn ? `，${formatDate(r.endOn)}止` : ''}
          </Typography.Text>
          {onEnd && r.kind === 'DIBAO' && ENDABLE_STATUSES.includes(r.status ?? '') && (
            <Button size="small" danger onClick={() => onEnd(r)}>
              终止救助
            </Button>
          )}
        </Space>
      ))}
    </Space>
  );
}

const STATUS_COLORS: Record<string, string> = { ACCEPTED: 'blue', VERIFYING: 'processing', INVESTIGATING: 'cyan', PUBLICIZING: 'gold', APPROVED: 'success', REJECTED: 'error', WITHDRAWN: 'default' };

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{codeLabel('applicationStatus', status)}</Tag>;
}

/** 受理 → 核对 → 入户调查 → 公示 → 审批, with the date each step was recorded (a refusal or withdrawal ends it where it was). */
function Progress({
  application,
}: {
  application: {
    status: string;
    appliedOn?: string | null;
    verifiedOn?: string | null;
    investigatedOn?: string | null;
    publicizedOn?: string | null;
    publicityEndsOn?: string | null;
    decidedOn?: string | null;
    decisionReason?: string | null;
  };
}) {
  const order = ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'];
  const ended = application.status === 'REJECTED' || application.status === 'WITHDRAWN';
  const reached =
    application.status === 'APPROVED' ? 4 : ended ? [application.verifiedOn, application.investigatedOn, application.publicizedOn].filter(Boolean).length + 1 : order.indexOf(application.status);
  const items = [
    { title: '受理', content: formatDate(application.appliedOn) },
    { title: '核对', content: application.verifiedOn ? `${formatDate(application.verifiedOn)} 完成` : undefined },
    { title: '入户调查', content: application.investigatedOn ? `${formatDate(application.investigatedOn)} 完成` : undefined },
    {
      title: '公示（7 天）',
      content: application.publicizedOn ? `${formatDate(application.publicizedOn)} 起${application.publicityEndsOn ? `，${formatDate(application.publicityEndsOn)} 届满` : ''}` : undefined,
    },
    {
      title: ended ? codeLabel('applicationStatus', application.status) : '审批',
      content: application.decidedOn ? `${formatDate(application.decidedOn)}${application.decisionReason ? `：${application.decisionReason}` : ''}` : undefined,
    },
  ];
  return (
    <Steps
      size="small"
      orientation="vertical"
      current={ended ? 4 : Math.max(0, reached)}
      status={ended ? 'error' : application.status === 'APPROVED' ? 'finish' : 'process'}
      items={items}
      data-testid="progress"
    />
  );
}

/**
 * One 低保 application: its record and progress (civil affairs' own casework), the applicant and the household under
 * the application's case as the policy allows, the 家庭经济状况核对 and its 核对报告, and the next step of the workflow.
 * Working on an open application puts the session under its case (shown in the identity bar).
 */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { session, choosePurpose } = useSession();
  const request = useHubRequest();
  const record = useHubQuery(ApplicationRecordQuery, { id }, { caseId: '' });
  const application = record.result?.data?.assistanceApplication;
  const isCase = !!application && isOpenStatus(application.status) && application.authorizationOnFile;
  const caseAnswer = useHubQuery(ApplicationCaseQuery, { id }, { caseId: id, skip: !isCase });
  const caseErrors = new FieldErrors(caseAnswer.result?.errors);
  const applicant = caseAnswer.result?.data?.assistanceApplication?.applicant;
  const household = caseAnswer.result?.data?.assistanceApplication?.household;
  const [check, setCheck] = useState<SubsistenceCheckResult>();
  const [checking, setChecking] = useState(false);
  const [checkRefusal, setCheckRefusal] = useState<string>();
  const mayEndAssistance = useMayWrite('SUBSISTENCE_REVIEW') && isCase;
  const [ending, setEnding] = useState<{ record: EndableRecord; memberName: string | null | undefined }>();
  const [assistanceConflict, setAssistanceConflict] = useState(false);

  // The session works under this application's case while it is open; leaving it (decided) ends the case.
  useEffect(() => {
    if (!session || !application) return;
    if (isCase && session.caseId !== id) choosePurpose('SUBSISTENCE_REVIEW', id);
    if (!isCase && session.caseId === id) choosePurpose('SUBSISTENCE_REVIEW');
  }, [isCase, application, id, session, choosePurpose]);

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  const runCheck = async () => {
    if (!applicant?.idNumber) return;
    setChecking(true);
    setCheckRefusal(undefined);
    try {
      const answer = await request(SubsistenceCheckQuery, { idNumber: applicant.idNumber }, id);
      const result = answer.data?.subsistenceCheck;
      if (result) {
        setCheck(result);
        record.reload();
      } else setCheckRefusal(answer.errors[0] ? refusalText(answer.errors[0], answer.requestId) : '核对未返回结果，请稍后重试。');
    } catch (error) {
      setCheckRefusal(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setChecking(false);
    }
  };

  const title = (
    <Space className="no-print" wrap>
      <Link to="/civil-affairs/applications">
        <LeftOutlined /> 申请列表
      </Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        低保申请 {id}
      </Typography.Title>
      {application && <StatusTag status={application.status} />}
      {application && <Tag>{stageLabel(application.stage)}</Tag>}
    </Space>
  );
  if (!application) {
    return (
      <div>
        {title}
        <div style={{ marginTop: 12 }}>
          <AnswerNotices refused={record.refused} errors={record.result?.errors} showOutOfJurisdiction />
          {record.loading && <Typography.Paragraph>正在读取申请……</Typography.Paragraph>}
          {record.result && !record.result.errors.length && <Alert type="info" showIcon title={`没有编号为 ${id} 的申请。`} />}
        </div>
      </div>
    );
  }
  const latest = application.latestCheck;
  return (
    <div>
      {title}
      <div className="no-print" style={{ marginTop: 12 }}>
        <AnswerNotices refused={record.refused ?? caseAnswer.refused} errors={[...(record.result?.errors ?? []), ...(caseAnswer.result?.errors ?? [])]} />
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Row gutter={[16, 16]} className="no-print">
          <Col xs={24} xl={15}>
            <Card size="small" title="申请信息（民政）">
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="申请编号">{application.id}</Descriptions.Item>
                <Descriptions.Item label="救助类别">{codeLabel('assistanceKind', application.kind)}</Descriptions.Item>
                <Descriptions.Item label="状态">
                  <StatusTag status={application.status} />
                </Descriptions.Item>
                <Descriptions.Item label="办理环节">{stageLabel(application.stage)}</Descriptions.Item>
                <Descriptions.Item label="授权书">
                  {application.authorizationOnFile ? <Tag color="success">已收到申请人签字的授权书</Tag> : <Tag color="error">未收到授权书，不能核对</Tag>}
                  {application.authorization && (
                    <Typography.Text type="secondary" data-testid="authorization-evidence">
                      {application.authorization.documentNumber} · {formatDate(application.authorization.signedOn)} 签署 · SHA-256 {application.authorization.fileSha256.slice(0, 16)}…
                    </Typography.Text>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="受理日期">{formatDate(application.appliedOn)}</Descriptions.Item>
                <Descriptions.Item label="户编号">{application.household?.id ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="最近核对">
                  {latest ? (
                    <span data-testid="latest-check">
                      <Tag color={latest.eligible ? 'success' : 'error'}>{latest.eligible ? '符合' : '不符合'}</Tag>
                      {formatDateTime(latest.checkedAt)}（{latest.checkedBy}）
                      {latest.reasons.length > 0 && <Typography.Text type="secondary">：{latest.reasons.map(reasonLabel).join('；')}</Typography.Text>}
                    </span>
                  ) : (
                    '尚未核对'
                  )}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card size="small" title="办理进度">
              <Progress application={application} />
            </Card>
          </Col>
        </Row>
        <Card size="small" title="申请人及家庭成员（人口部门，按访问策略）" className="no-print">
          {!isCase ? (
            <Alert
              type="info"
              showIcon
              title={
                application.authorizationOnFile ? '该申请已办结，案件已关闭：按访问策略不再显示申请人及家庭成员信息。' : '该申请没有申请人签字的授权书，不能作为案件查询申请人及家庭信息，也不能核对。'
              }
            />
          ) : caseAnswer.loading && !caseAnswer.result ? (
            <Typography.Text type="secondary">正在读取……</Typography.Text>
          ) : (
            <>
              <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
                <Descriptions.Item label="申请人">
                  <Guarded value={applicant?.name} errors={caseErrors} path={['assistanceApplication', 'applicant', 'name']} />
                </Descriptions.Item>
                <Descriptions.Item label="身份证号码">
                  <Guarded value={applicant?.idNumber} errors={caseErrors} path={['assistanceApplication', 'applicant', 'idNumber']} />
                </Descriptions.Item>
                <Descriptions.Item label="联系电话">
                  <Guarded value={applicant?.phone} errors={caseErrors} path={['assistanceApplication', 'applicant', 'phone']} />
                </Descriptions.Item>
                <Descriptions.Item label="户号">
                  <Guarded value={household?.householdNumber} errors={caseErrors} path={['assistanceApplication', 'household', 'householdNumber']} />
                </Descriptions.Item>
              </Descriptions>
              <WriteProblemAlert problem={assistanceConflict ? { text: CONFLICT_TEXT, conflict: true } : undefined} onClose={() => setAssistanceConflict(false)} />
              {household?.members ? (
                <Table
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  rowKey={(m, index) => m.person?.id ?? String(index)}
                  dataSource={household.members}
                  data-testid="members"
                  columns={[
                    { title: '姓名', render: (_, m, i) => <Guarded value={m.person?.name} errors={caseErrors} path={['assistanceApplication', 'household', 'members', i, 'person', 'name']} /> },
                    {
                      title: '身份证号码',
                      render: (_, m, i) => <Guarded value={m.person?.idNumber} errors={caseErrors} path={['assistanceApplication', 'household', 'members', i, 'person', 'idNumber']} />,
                    },
                    { title: '性别', render: (_, m) => codeLabel('gender', m.person?.gender) },
                    { title: '出生日期', render: (_, m) => formatDate(m.person?.birthDate) },
                    { title: '与户主关系', render: (_, m) => codeLabel('familyRelation', m.relationToHead) },
                    { title: '共同生活', render: (_, m) => (m.livesWithHousehold === false ? '否' : m.livesWithHousehold ? '是' : '—') },
                    { title: '死亡日期', render: (_, m) => (m.person?.deathDate ? formatDate(m.person.deathDate) : '—') },
                    {
                      title: '救助记录（民政）',
                      render: (_, m, i) => (
                        <Guarded
                          value={m.person?.assistance}
                          errors={caseErrors}
                          path={['assistanceApplication', 'household', 'members', i, 'person', 'assistance']}
                          render={(records: NonNullable<NonNullable<typeof m.person>['assistance']>) => (
                            <MemberAssistance
                              records={records}
                              onEnd={
                                mayEndAssistance
                                  ? (record) => {
                                      setAssistanceConflict(false);
                                      setEnding({ record, memberName: m.person?.name });
                                    }
                                  : undefined
                              }
                            />
                          )}
                        />
                      ),
                    },
                  ]}
                />
              ) : (
                <Guarded value={null} errors={caseErrors} path={['assistanceApplication', 'household', 'members']} />
              )}
              {ending && (
                <EndAssistanceForm
                  record={ending.record}
                  memberName={ending.memberName}
                  applicationId={id}
                  onClose={() => setEnding(undefined)}
                  onEnded={() => {
                    setEnding(undefined);
                    caseAnswer.reload();
                  }}
                  onConflict={() => {
                    setEnding(undefined);
                    setAssistanceConflict(true);
                    caseAnswer.reload();
                  }}
                />
              )}
            </>
          )}
        </Card>
        <Card size="small" title="家庭经济状况核对" className="no-print">
          <Space wrap>
            <Button type="primary" icon={<AuditOutlined />} loading={checking} disabled={!isCase || !applicant?.idNumber} onClick={() => void runCheck()}>
              核对
            </Button>
            <Typography.Text type="secondary">
              {isCase ? '向人口、房屋、公安部门核对家庭成员、房产、车辆，结合民政的收入申报，按当地现行标准得出结论；每次核对都存档为核对报告。' : '只有办理中、已收到授权书的申请才能核对。'}
            </Typography.Text>
          </Space>
          {checkRefusal && <Alert type="error" showIcon title={checkRefusal} role="alert" style={{ marginTop: 12 }} />}
        </Card>
        {check && (
          <CheckReport
            check={check}
            applicant={{ name: applicant?.name, idNumber: applicant?.idNumber }}
            checkerName={check.checkedBy === session?.info.user.sub ? session?.info.user.name : undefined}
            authorization={application?.authorization}
          />
        )}
        {isCase && (
          <WorkflowCard
            application={application}
            onRecorded={() => {
              record.reload();
            }}
          />
        )}
      </Space>
    </div>
  );
}
