import { Form, Input, Modal, Typography } from 'antd';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { ANSWERED_TEXT, requestKindLabel } from './labels';
import { RejectCorrectionMutation } from './queries';
import type { QueuedRequest } from './take-over-tenancy-form';

interface RejectForm {
  reason: string;
}

/** 不予采纳: housing answers a request with the reason its record stands, at the version the queue showed. */
export function RejectCorrectionForm({ request, onClose, onRejected, onConflict }: { request: QueuedRequest; onClose: () => void; onRejected: () => void; onConflict: () => void }) {
  const [form] = Form.useForm<RejectForm>();
  const write = useWrite(RejectCorrectionMutation, { onConflict, conflictText: ANSWERED_TEXT });

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
      <Typography.Paragraph type="secondary">{requestKindLabel(request.kind)}。请写明核实情况和房屋登记无需更改的理由，网格中心将看到该答复。</Typography.Paragraph>
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
