import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { AnswerNotices } from '../../policy/answer-notices';
import { useMayWrite } from '../../session/may-write';
import { KeysetPager, useCursorStack } from '../grid-center/keyset';
import { PersonLink } from '../grid-center/links';
import { CorrectionQueueTable } from '../correction-queue-table';
import { ANSWERED_TEXT, FIELD_RESIDENT_LEFT } from '../housing/labels';
import { RejectCorrectionForm } from '../housing/reject-correction-form';
import { WriteProblemAlert } from '../write-problem';
import { PopulationCorrectionQueueQuery, PopulationRejectCorrectionMutation } from './correction-queries';
import { departureProposal } from './departure-proposal';
import { TakeOverMoveOutForm, type QueuedPopulationRequest } from './take-over-move-out-form';

const PAGE_SIZE = 20;

/**
 * A request population answers by 迁离登记: a visit that found the resident gone (also once the residence is already
 * cleared: then it is only accepted), or a discrepancy about a person still registered at a residence.
 */
const answeredByMoveOut = (request: QueuedPopulationRequest) => request.recordType === 'Person' && !!request.person && (request.kind === FIELD_RESIDENT_LEFT || !!request.person.residence);

/** What a request asks, in words: a visit's departure with its date, a discrepancy's proposed correction as written. */
function RequestContent({ request }: { request: QueuedPopulationRequest }) {
  const proposal = departureProposal(request.kind, request.proposal);
  return (
    <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
      {proposal && (
        <div>
          {request.person?.name ?? '—'}已于{formatDate(proposal.leftOn)}迁离{request.person?.residence?.address ? `「${request.person.residence.address}」` : ''}；{formatDate(request.visitedOn)}走访
        </div>
      )}
      <Typography.Text type="secondary">{request.proposedCorrection ?? '—'}</Typography.Text>
    </div>
  );
}

/**
 * 待确认的采集与纠错 (人口): the grid center's requests addressed to population and not yet answered — a grid worker's
 * visit that found a registered resident gone (taken over by 登记迁出并确认), a discrepancy of the report — each
 * answered at the version shown; one answered meanwhile by a colleague is said so, and the queue is read again.
 */
export function PopulationCorrectionsPage() {
  const pager = useCursorStack();
  const { loading, result, refused, reload } = useHubQuery(PopulationCorrectionQueueQuery, { status: 'RAISED', first: PAGE_SIZE, after: pager.after });
  const mayAnswer = useMayWrite('POPULATION_ADMINISTRATION');
  const [acting, setActing] = useState<{ kind: 'takeOver' | 'reject'; request: QueuedPopulationRequest }>();
  const [answered, setAnswered] = useState<{ request: QueuedPopulationRequest; movedOut: boolean }>();
  const [conflict, setConflict] = useState<string>();
  const connection = result?.data?.correctionRequests;

  const act = (kind: 'takeOver' | 'reject', request: QueuedPopulationRequest) => {
    setConflict(undefined);
    setAnswered(undefined);
    setActing({ kind, request });
  };
  const done = (request: QueuedPopulationRequest, movedOut: boolean) => {
    setActing(undefined);
    setAnswered({ request, movedOut });
    reload();
  };
  /** The request was answered meanwhile, or (迁离登记) the person changed: the queue is read again and says which. */
  const stale = (text: string = ANSWERED_TEXT) => {
    setActing(undefined);
    setConflict(text);
    reload();
  };

  return (
    <div>
      <Typography.Title level={4}>待确认的采集与纠错</Typography.Title>
      <Typography.Paragraph type="secondary">
        网格中心转来、待人口（户籍）部门答复的请求：网格员走访发现的居民迁离，以及数据比对发现的不一致。核实后登记迁出并确认，或写明理由不予采纳。
      </Typography.Paragraph>
      <AnswerNotices refused={refused} errors={result?.errors} />
      <WriteProblemAlert problem={conflict ? { text: conflict, conflict: true } : undefined} onClose={() => setConflict(undefined)} />
      {answered && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setAnswered(undefined) }}
          style={{ marginBottom: 12 }}
          data-testid="answered"
          title={
            answered.movedOut ? (
              <span>
                已登记迁离并确认采集 {answered.request.id}。<PersonLink idNumber={answered.request.person?.idNumber}>{answered.request.person?.name ?? ''}</PersonLink>
              </span>
            ) : (
              `已答复 ${answered.request.id}：不予采纳。`
            )
          }
        />
      )}
      <CorrectionQueueTable<QueuedPopulationRequest>
        loading={loading}
        refused={Boolean(refused)}
        requests={connection?.nodes ?? []}
        fieldKind={FIELD_RESIDENT_LEFT}
        record={(r) => (r.recordType === 'Person' && r.person ? <PersonLink idNumber={r.person.idNumber}>{r.person.name ?? r.recordId}</PersonLink> : undefined)}
        content={(r) => <RequestContent request={r} />}
        actions={mayAnswer ? { takeOverLabel: '登记迁出并确认', mayTakeOver: answeredByMoveOut, onTakeOver: (r) => act('takeOver', r), onReject: (r) => act('reject', r) } : undefined}
      />
      <KeysetPager label="请求" pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
      {acting?.kind === 'takeOver' && (
        <TakeOverMoveOutForm
          request={acting.request}
          proposal={departureProposal(acting.request.kind, acting.request.proposal)}
          onClose={() => setActing(undefined)}
          onTakenOver={() => done(acting.request, true)}
          onConflict={stale}
        />
      )}
      {acting?.kind === 'reject' && (
        <RejectCorrectionForm
          request={acting.request}
          register="户籍登记"
          mutation={PopulationRejectCorrectionMutation}
          onClose={() => setActing(undefined)}
          onRejected={() => done(acting.request, false)}
          onConflict={() => stale()}
        />
      )}
    </div>
  );
}
