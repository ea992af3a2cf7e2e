import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { useMayWrite } from '../../session/may-write';
import { KeysetPager, useCursorStack } from '../grid-center/keyset';
import { DwellingLink } from '../grid-center/links';
import { CorrectionQueueTable } from '../correction-queue-table';
import { WriteProblemAlert } from '../write-problem';
import { ANSWERED_TEXT } from './labels';
import { CorrectionQueueQuery } from './queries';
import { RejectCorrectionForm } from './reject-correction-form';
import { TakeOverTenancyForm, type QueuedRequest } from './take-over-tenancy-form';
import { FIELD_TENANCY_STARTED, tenancyProposal } from './tenancy-proposal';

const PAGE_SIZE = 20;

/** What a request asks, in words: a visit's proposed tenancy field by field, a discrepancy's proposed correction as written. */
function RequestContent({ request }: { request: QueuedRequest }) {
  const proposal = tenancyProposal(request.kind, request.proposal);
  return (
    <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
      {proposal && (
        <div>
          承租人 {request.person?.name ?? '—'}
          {request.person?.idNumber && <Typography.Text type="secondary">（{request.person.idNumber}）</Typography.Text>}；{codeLabel('rentalUse', proposal.rentalUse)}；{formatDate(proposal.startOn)}
          起租；
          {formatDate(request.visitedOn)}走访
        </div>
      )}
      <Typography.Text type="secondary">{request.proposedCorrection ?? '—'}</Typography.Text>
    </div>
  );
}

/**
 * 待确认的采集与纠错: the grid center's requests addressed to housing and not yet answered — a grid worker's visit that
 * found a dwelling let (taken over by 登记租赁并确认), a discrepancy of the report — each answered at the version shown;
 * one answered meanwhile by a colleague is said so, and the queue is read again.
 */
export function CorrectionsPage() {
  const pager = useCursorStack();
  const { loading, result, refused, reload } = useHubQuery(CorrectionQueueQuery, { status: 'RAISED', first: PAGE_SIZE, after: pager.after });
  const mayAnswer = useMayWrite('HOUSING_ADMINISTRATION');
  const [acting, setActing] = useState<{ kind: 'takeOver' | 'reject'; request: QueuedRequest }>();
  const [answered, setAnswered] = useState<{ request: QueuedRequest; tenancyId?: string }>();
  const [conflict, setConflict] = useState(false);
  const connection = result?.data?.correctionRequests;
  const actingProposal = acting && tenancyProposal(acting.request.kind, acting.request.proposal);

  const act = (kind: 'takeOver' | 'reject', request: QueuedRequest) => {
    setConflict(false);
    setAnswered(undefined);
    setActing({ kind, request });
  };
  const done = (request: QueuedRequest, tenancyId?: string) => {
    setActing(undefined);
    setAnswered({ request, tenancyId });
    reload();
  };
  const stale = () => {
    setActing(undefined);
    setConflict(true);
    reload();
  };

  return (
    <div>
      <Typography.Title level={4}>待确认的采集与纠错</Typography.Title>
      <Typography.Paragraph type="secondary">网格中心转来、待房屋部门答复的请求：网格员走访发现的出租，以及数据比对发现的不一致。核实后登记并确认，或写明理由不予采纳。</Typography.Paragraph>
      <AnswerNotices refused={refused} errors={result?.errors} />
      <WriteProblemAlert problem={conflict ? { text: ANSWERED_TEXT, conflict: true } : undefined} onClose={() => setConflict(false)} />
      {answered && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setAnswered(undefined) }}
          style={{ marginBottom: 12 }}
          data-testid="answered"
          title={
            answered.tenancyId ? (
              <span>
                已登记租赁（{answered.tenancyId}）并确认采集 {answered.request.id}。{answered.request.recordId && <DwellingLink id={answered.request.recordId}>查看房屋</DwellingLink>}
              </span>
            ) : (
              `已答复 ${answered.request.id}：不予采纳。`
            )
          }
        />
      )}
      <CorrectionQueueTable<QueuedRequest>
        loading={loading}
        refused={Boolean(refused)}
        requests={connection?.nodes ?? []}
        fieldKind={FIELD_TENANCY_STARTED}
        record={(r) => (r.recordType === 'Dwelling' && r.recordId ? <DwellingLink id={r.recordId}>房屋 {r.recordId}</DwellingLink> : undefined)}
        content={(r) => <RequestContent request={r} />}
        actions={
          mayAnswer
            ? { takeOverLabel: '登记租赁并确认', mayTakeOver: (r) => Boolean(tenancyProposal(r.kind, r.proposal)), onTakeOver: (r) => act('takeOver', r), onReject: (r) => act('reject', r) }
            : undefined
        }
      />
      <KeysetPager label="请求" pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
      {acting?.kind === 'takeOver' && actingProposal && (
        <TakeOverTenancyForm request={acting.request} proposal={actingProposal} onClose={() => setActing(undefined)} onTakenOver={(tenancyId) => done(acting.request, tenancyId)} onConflict={stale} />
      )}
      {acting?.kind === 'reject' && <RejectCorrectionForm request={acting.request} onClose={() => setActing(undefined)} onRejected={() => done(acting.request)} onConflict={stale} />}
    </div>
  );
}
