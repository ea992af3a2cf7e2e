import { Form, Input, Modal, Typography } from 'antd';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { ANSWERED_TEXT, requestKindLabel } from './labels';
import { RejectCorrectionMutation } from './queries';

interface RejectForm {
  reason: string;
}

/** What the form needs of a queued request. */
export interface AnsweredRequest {
  id: string;
  kind?: string | null;
  version?: number | null;
}

/**
 * 不予采纳: the addressed department answers a request with the reason its record stands, at the version the queue
 * showed. `register` names the department's record in the explanation (housing's 房屋登记 unless said otherwise).
 */
export function RejectCorrectionForm({
  request,
  register = '房屋登记',
  mutation = RejectCorrectionMutation,
  onClose,
  onRejected,
  onConflict,
}: {
  request: AnsweredRequest;
  register?: string;
  /** The department's own operation (named for it in the hub's logs); rejectCorrection either way. */
  mutation?: typeof RejectCorrectionMutation;
  onClose: () => void;
  onRejected: () => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<RejectForm>();
  const write = useWrite(mutation, { onConflict, conflictText: ANSWERED_TEXT });

  async function confirm() {
    let values: RejectForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (await write.send(() => ({ id: request.id, version: request.version ?? 0, reason: values.reason.trim() }))) onRejected();
  }

  return (
    <Modal open title={`不予采纳：${request.id}`} okText="不予采纳" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={write.busy} onOk={() => void confirm()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">
        {requestKindLabel(request.kind)}。请写明核实情况和{register}无需更改的理由，网格中心将看到该答复。
      </Typography.Paragraph>
      <Form<RejectForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label="不予采纳的理由"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { max: 1000, message: '理由不超过 1000 个字' },
          ]}
        >
          <Input.TextArea aria-label="不予采纳的理由" rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
