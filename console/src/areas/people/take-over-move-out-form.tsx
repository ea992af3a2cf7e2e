import { DatePicker, Descriptions, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDate, todayInChina } from '../../format/dates';
import { pastDayRule } from '../../format/validate';
import type { PopulationCorrectionQueueQuery } from '../../gql/graphql';
import { ANSWERED_TEXT } from '../housing/labels';
import { CONFLICT_TEXT, useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { PopulationAcceptCorrectionMutation, RecordMoveOutMutation } from './correction-queries';
import type { DepartureProposal } from './departure-proposal';

export type QueuedPopulationRequest = PopulationCorrectionQueueQuery['correctionRequests']['nodes'][number];

interface MoveOutForm {
  movedOutOn: Dayjs;
}

/**
 * 登记迁出并确认: population records that the resident the request names no longer lives at the registered residence
 * (迁离登记, naming the request: the residence is cleared, the before and after kept) and then accepts the request at
 * the version the queue showed. A visit's own 迁离日期 is proposed; the officer may correct it (not to come, not before
 * the resident moved in). The move-out is sent at the person's version the queue showed, with the form's client request
 * id: a retry after a lost answer gets the move-out already recorded. The two are separate writes: once the move-out
 * is recorded, a retry only accepts again.
 */
export function TakeOverMoveOutForm({
  request,
  proposal,
  onClose,
  onTakenOver,
  onConflict,
}: {
  request: QueuedPopulationRequest;
  proposal: DepartureProposal | undefined;
  onClose: () => void;
  onTakenOver: () => void;
  onConflict: (text: string) => void;
}) {
  const [form] = Form.useForm<MoveOutForm>();
  // The person changed since the queue showed them (CONFLICT): the queue is read again and says so.
  const record = useWrite(RecordMoveOutMutation, { onConflict: () => onConflict(CONFLICT_TEXT) });
  const accept = useWrite(PopulationAcceptCorrectionMutation, { onConflict: () => onConflict(ANSWERED_TEXT), conflictText: ANSWERED_TEXT });
  const person = request.person;
  // A resident with no registered residence left (cleared meanwhile, or by a move-out whose answer was lost) only needs the acceptance.
  const alreadyGone = !!person && !person.residence;
  const [movedOut, setMovedOut] = useState<string>();
  const personId = person?.id ?? request.recordId ?? '';
  const today = todayInChina();
  const residenceSince = person?.residenceSince ?? undefined;

  async function confirm() {
    let day = movedOut;
    if (!day && !alreadyGone) {
      let values: MoveOutForm;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      const chosen = values.movedOutOn.format('YYYY-MM-DD');
      const recorded = await record.send((clientRequestId) => ({
        input: {
          personId,
          expectedVersion: person?.version ?? 0,
          movedOutOn: chosen,
          correctionRequestId: request.id,
          reason: `网格员走访采集 ${request.id}：居民已迁离`,
          clientRequestId,
        },
      }));
      if (!recorded) return;
      setMovedOut(chosen);
      day = chosen;
    }
    const answer = day ? `已登记迁离（${day}）` : '户籍登记中该居民已无登记的居住地址';
    const accepted = await accept.send(() => ({ id: request.id, version: request.version ?? 0, answer }));
    if (accepted) onTakenOver();
  }

  return (
    <Modal
      open
      width={600}
      title={`登记迁出并确认：${request.id}`}
      okText={movedOut || alreadyGone ? '确认采集' : '登记迁出并确认'}
      cancelText="取消"
      confirmLoading={record.busy || accept.busy}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <Descriptions size="small" column={1} bordered data-testid="move-out-summary" style={{ marginBottom: 12 }}>
        <Descriptions.Item label="居民">
          {person?.name ?? `人员编号 ${personId}`}
          {person?.idNumber && <Typography.Text type="secondary">（{person.idNumber}）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="登记居住地址">{person?.residence ? (person.residence.address ?? person.residence.id) : '无（已无登记的居住房屋）'}</Descriptions.Item>
        <Descriptions.Item label="居住起始">{formatDate(residenceSince)}</Descriptions.Item>
        {request.visitedOn && <Descriptions.Item label="走访日期">{formatDate(request.visitedOn)}</Descriptions.Item>}
        {proposal && <Descriptions.Item label="网格员所报迁离日期">{formatDate(proposal.leftOn)}</Descriptions.Item>}
      </Descriptions>
      <Form<MoveOutForm> form={form} layout="vertical" requiredMark={false} initialValues={{ movedOutOn: dayjs(proposal?.leftOn ?? today) }} disabled={!!movedOut || alreadyGone}>
        <Form.Item
          name="movedOutOn"
          label="迁离日期"
          rules={[{ required: true, message: '请选择迁离日期' }, pastDayRule('迁离日期', residenceSince ? { date: residenceSince, what: '居住起始日期' } : undefined)]}
        >
          <DatePicker aria-label="迁离日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">
        {alreadyGone
          ? '户籍登记中该居民已无登记的居住地址，确认后答复网格中心：已采纳。'
          : movedOut
            ? `迁离已登记（${formatDate(movedOut)}），请再次确认以答复该采集。`
            : '确认后在户籍登记中清除该居民的登记居住地址（保留变更前后记录），并答复网格中心：已采纳。'}
      </Typography.Paragraph>
      <WriteProblemAlert problem={record.problem ?? accept.problem} />
    </Modal>
  );
}
