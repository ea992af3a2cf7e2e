import { Descriptions, Modal, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel } from '../../format/labels';
import type { HousingCorrectionQueueQuery } from '../../gql/graphql';
import { AnswerNotices } from '../../policy/answer-notices';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { ANSWERED_TEXT } from './labels';
import { AcceptCorrectionMutation, RecordTenancyMutation, TakeOverDwellingQuery } from './queries';
import type { TenancyProposal } from './tenancy-proposal';

export type QueuedRequest = HousingCorrectionQueueQuery['correctionRequests']['nodes'][number];

/**
 * 登记租赁并确认: housing records the tenancy a grid worker found (出租登记, naming the request) and then accepts the
 * request at the version the queue showed. The two are separate writes: once the tenancy is recorded a retry only
 * accepts again, and a tenancy whose answer was lost on the way is asked for again with the same client request id,
 * which the hub answers with the tenancy it recorded. Before confirming, the officer sees the dwelling as housing
 * registers it: its owners (is the landlord one?) and who rents it now.
 */
export function TakeOverTenancyForm({
  request,
  proposal,
  onClose,
  onTakenOver,
  onConflict,
}: {
  request: QueuedRequest;
  proposal: TenancyProposal;
  onClose: () => void;
  onTakenOver: (tenancyId: string) => void;
  onConflict: () => void;
}) {
  const dwellingId = request.recordId ?? '';
  const dwelling = useHubQuery(TakeOverDwellingQuery, { id: dwellingId }, { skip: !dwellingId });
  const record = useWrite(RecordTenancyMutation);
  const accept = useWrite(AcceptCorrectionMutation, { onConflict, conflictText: ANSWERED_TEXT });
  const [recordedTenancy, setRecordedTenancy] = useState<string>();
  const shown = dwelling.result?.data?.dwelling;
  const landlord = shown?.owners?.find((o) => o.owner?.id === proposal.landlordPersonId)?.owner;
  const current = (shown?.tenancies ?? []).filter((t) => t.current);

  async function confirm() {
    let tenancyId = recordedTenancy;
    if (!tenancyId) {
      const recorded = await record.send((clientRequestId) => ({
        input: {
          dwellingId,
          tenantPersonId: proposal.tenantPersonId,
          landlordPersonId: proposal.landlordPersonId,
          rentalUse: proposal.rentalUse,
          startOn: proposal.startOn,
          correctionRequestId: request.id,
          clientRequestId,
        },
      }));
      tenancyId = recorded?.recordTenancy.id;
      if (!tenancyId) return;
      setRecordedTenancy(tenancyId);
    }
    const recordedId = tenancyId;
    const accepted = await accept.send(() => ({ id: request.id, version: request.version ?? 0, answer: `已登记租赁 ${recordedId}` }));
    if (accepted) onTakenOver(recordedId);
  }

  return (
    <Modal
      open
      width={640}
      title={`登记租赁并确认：${request.id}`}
      okText={recordedTenancy ? '确认采集' : '登记租赁并确认'}
      cancelText="取消"
      confirmLoading={record.busy || accept.busy}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <AnswerNotices refused={dwelling.refused} errors={dwelling.result?.errors} />
      {dwelling.loading && !shown ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Descriptions size="small" column={1} bordered data-testid="take-over-summary">
          <Descriptions.Item label="房屋">{shown?.address ?? dwellingId}</Descriptions.Item>
          <Descriptions.Item label="承租人">{request.person?.name ?? `人员编号 ${proposal.tenantPersonId}`}</Descriptions.Item>
          <Descriptions.Item label="出租人">{landlord ? `${landlord.name ?? '—'}（登记产权人）` : `人员编号 ${proposal.landlordPersonId}（不是本房屋的登记产权人，请核实）`}</Descriptions.Item>
          <Descriptions.Item label="出租用途">{codeLabel('rentalUse', proposal.rentalUse)}</Descriptions.Item>
          <Descriptions.Item label="起租日期">{formatDate(proposal.startOn)}</Descriptions.Item>
          <Descriptions.Item label="走访日期">{formatDate(request.visitedOn)}</Descriptions.Item>
          <Descriptions.Item label="现有在租">{current.length ? current.map((t) => `${t.tenant?.name ?? '—'}（${formatDate(t.startOn)}起）`).join('；') : '无'}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {recordedTenancy ? `租赁已登记（${recordedTenancy}），请再次确认以答复该采集。` : '确认后在房屋登记中登记该租赁，并答复网格中心：已采纳。'}
      </Typography.Paragraph>
      <WriteProblemAlert problem={record.problem ?? accept.problem} />
    </Modal>
  );
}
