import { App, DatePicker, Descriptions, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDate, todayInChina } from '../../format/dates';
import { codeLabel, codeOptions } from '../../format/labels';
import { pastDayRule } from '../../format/validate';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { yuan } from './labels';
import { EndAssistanceMutation } from './queries';

/** What the form needs of a member's assistance record. */
export interface EndableRecord {
  id: string;
  kind?: string | null;
  monthlyAmount?: number | null;
  startOn?: string | null;
  version?: number | null;
}

interface EndForm {
  reason: string;
  endOn: Dayjs;
}

/**
 * 终止救助 of one member's benefit under the application's case: why, and the last day (not to come, not before it
 * started). It sends the version the page shows; a stale one goes to `onConflict`, for the page to read the case again.
 */
export function EndAssistanceForm({
  record,
  memberName,
  applicationId,
  onClose,
  onEnded,
  onConflict,
}: {
  record: EndableRecord;
  memberName: string | null | undefined;
  applicationId: string;
  onClose: () => void;
  onEnded: () => void;
  onConflict: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EndForm>();
  const write = useWrite(EndAssistanceMutation, { caseId: applicationId, onConflict });
  const today = todayInChina();

  async function confirm() {
    let values: EndForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: { recordId: record.id, expectedVersion: record.version ?? 0, endOn: values.endOn.format('YYYY-MM-DD'), reason: values.reason, clientRequestId },
    }));
    if (!answer) return;
    message.success(`已终止：${memberName ?? ''}的${codeLabel('assistanceKind', record.kind)}，${formatDate(answer.endAssistance.endOn)}止`);
    onEnded();
  }

  return (
    <Modal open title={`终止救助：${memberName ?? ''}`} okText="确认终止" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={write.busy} onOk={() => void confirm()} onCancel={onClose}>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="救助类别">{codeLabel('assistanceKind', record.kind)}</Descriptions.Item>
        <Descriptions.Item label="月救助金额">{yuan(record.monthlyAmount)}</Descriptions.Item>
        <Descriptions.Item label="起始日期">{formatDate(record.startOn)}</Descriptions.Item>
      </Descriptions>
      <Form<EndForm> form={form} layout="vertical" requiredMark={false} initialValues={{ endOn: dayjs(today) }}>
        <Form.Item name="reason" label="终止原因" rules={[{ required: true, message: '请选择终止原因' }]}>
          <Select aria-label="终止原因" placeholder="选择原因" options={codeOptions('assistanceEndReason', false)} />
        </Form.Item>
        <Form.Item
          name="endOn"
          label="终止日期（救助的最后一天）"
          rules={[{ required: true, message: '请选择终止日期' }, pastDayRule('终止日期', record.startOn ? { date: record.startOn, what: '救助起始日期' } : undefined)]}
        >
          <DatePicker aria-label="终止日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
      </Form>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
