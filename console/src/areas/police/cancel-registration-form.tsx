import { App, Form, Modal, Select, Typography } from 'antd';
import { codeLabel, codeOptions } from '../../format/labels';
import type { FloatingRowFragment } from '../../gql/graphql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { CancelFloatingRegistrationMutation } from './queries';

interface CancelForm {
  reason: string;
}

/**
 * 注销 of one ACTIVE registration, with its reason (迁离本地, 离开登记住所, 死亡, 其他). It sends the version the row
 * shows; the cancelled row comes back and replaces it, a stale version goes to `onConflict`.
 */
export function CancelRegistrationForm({
  registration,
  onClose,
  onCancelled,
  onConflict,
}: {
  registration: FloatingRowFragment;
  onClose: () => void;
  onCancelled: (row: FloatingRowFragment) => void;
  onConflict: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CancelForm>();
  const write = useWrite(CancelFloatingRegistrationMutation, { onConflict });

  async function confirm() {
    let values: CancelForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({ input: { registrationId: registration.id, expectedVersion: registration.version ?? 0, reason: values.reason, clientRequestId } }));
    if (!answer) return;
    message.success(`已注销登记：${registration.person?.name ?? registration.id}（${codeLabel('floatingCancellationReason', values.reason)}）`);
    onCancelled(answer.cancelFloatingRegistration);
  }

  return (
    <Modal
      open
      title={`注销流动人口登记：${registration.person?.name ?? registration.id}`}
      okText="确认注销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={write.busy}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">注销后该登记不再列入在册流动人口，居住证随之失效。</Typography.Paragraph>
      <Form<CancelForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label="注销原因" rules={[{ required: true, message: '请选择注销原因' }]}>
          <Select aria-label="注销原因" placeholder="选择原因" options={codeOptions('floatingCancellationReason', false)} />
        </Form.Item>
      </Form>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
