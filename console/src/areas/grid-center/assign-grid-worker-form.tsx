import { App, Form, Modal, Radio, Select, Typography } from 'antd';
import { graphql } from '../../gql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { useGridChoices } from './dwelling-choices';
import { GRID_WORKER_ROLES } from './links';

const AssignGridWorkerMutation = graphql(`
  mutation GridAssignGridWorker($input: AssignGridWorkerInput!) {
    assignGridWorker(input: $input) {
      id
      name
      role
      version
    }
  }
`);

/** What the form needs of a worker in the grid page's list. */
export interface ListedWorker {
  id: string;
  name?: string | null;
  role?: string | null;
  version?: number | null;
}

interface AssignForm {
  gridCode: string;
  role: string;
}

/**
 * 网格员调整: the grid center's supervisor assigns a worker of this grid to another grid of the jurisdiction, or to
 * another role here (网格长/网格员). It sends the worker's version the page shows: a change made meanwhile comes
 * back as CONFLICT (`onConflict` reloads the page); an assignment that changes nothing stays in the form.
 */
export function AssignGridWorkerForm({
  worker,
  gridCode,
  onClose,
  onAssigned,
  onConflict,
}: {
  worker: ListedWorker;
  gridCode: string;
  onClose: () => void;
  onAssigned: () => void;
  onConflict: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignForm>();
  const write = useWrite(AssignGridWorkerMutation, { onConflict });
  const grids = useGridChoices();
  const chosenGrid = Form.useWatch('gridCode', form);
  const chosenRole = Form.useWatch('role', form);
  const unchanged = chosenGrid === gridCode && chosenRole === worker.role;

  async function confirm() {
    let values: AssignForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: { workerId: worker.id, expectedVersion: worker.version ?? 0, gridCode: values.gridCode, role: values.role, clientRequestId },
    }));
    if (!answer) return;
    const moved = values.gridCode !== gridCode;
    const label = grids.options.find((g) => g.value === values.gridCode)?.label ?? values.gridCode;
    message.success(`已调整：${worker.name ?? worker.id} ${moved ? `调至${label}，` : ''}任${GRID_WORKER_ROLES[values.role] ?? values.role}`);
    onAssigned();
  }

  return (
    <Modal
      open
      title={`网格员调整：${worker.name ?? worker.id}`}
      okText="确认调整"
      okButtonProps={{ disabled: unchanged }}
      cancelText="取消"
      confirmLoading={write.busy}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">调整该网格员负责的网格或担任的角色，自即日起生效。只能在您的辖区内调整。</Typography.Paragraph>
      <Form<AssignForm> form={form} layout="vertical" requiredMark={false} initialValues={{ gridCode, role: worker.role ?? 'GRID_WORKER' }}>
        <Form.Item name="gridCode" label="负责网格" rules={[{ required: true, message: '请选择负责的网格' }]}>
          <Select aria-label="负责网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} options={grids.options} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]} extra={unchanged ? '网格和角色均未改变' : undefined}>
          <Radio.Group aria-label="角色" options={Object.entries(GRID_WORKER_ROLES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
