import { App, Button, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDate, todayInChina } from '../../format/dates';
import { pastDayRule } from '../../format/validate';
import { graphql } from '../../gql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';

const RecordDeathMutation = graphql(`
  mutation PopulationRecordDeath($input: RecordDeathInput!) {
    recordDeath(input: $input) {
      id
      version
      deathDate
    }
  }
`);

/** What the form needs of the person page's record. */
export interface LivingResident {
  id: string;
  name?: string | null;
  version: number;
  /** YYYY-MM-DD, or the year alone where the purpose sees it masked. */
  birthDate?: string | null;
}

interface DeathForm {
  deathDate: Dayjs;
}

/**
 * 死亡登记: the resident died on a day not to come and not before birth. The person stays in the register with the
 * date, and a household check no longer counts them. It sends the version the page shows (CONFLICT reloads the record).
 */
export function RecordDeathForm({ person, onChanged }: { person: LivingResident; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DeathForm>();
  const write = useWrite(RecordDeathMutation, {
    onConflict: () => {
      setOpen(false);
      onChanged();
    },
  });
  const today = todayInChina();
  const birthDate = person.birthDate && person.birthDate.length === 10 ? person.birthDate : undefined;

  function start() {
    write.begin();
    form.resetFields();
    form.setFieldsValue({ deathDate: dayjs(today) });
    setOpen(true);
  }

  async function confirm() {
    let values: DeathForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({ input: { personId: person.id, expectedVersion: person.version, deathDate: values.deathDate.format('YYYY-MM-DD'), clientRequestId } }));
    if (!answer) return;
    message.success(`已登记死亡：${person.name ?? ''}，${formatDate(answer.recordDeath.deathDate)}`);
    setOpen(false);
    onChanged();
  }

  return (
    <div data-testid="record-death">
      <Button danger onClick={start}>
        死亡登记
      </Button>
      {!open && <WriteProblemAlert problem={write.problem} onClose={write.dismiss} />}
      <Modal
        open={open}
        title={`死亡登记：${person.name ?? ''}`}
        okText="登记死亡"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        confirmLoading={write.busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Typography.Paragraph type="secondary">登记后该居民仍保留在户籍登记中并注明死亡日期，家庭经济状况核对不再将其计为家庭成员。请核对死亡证明后登记。</Typography.Paragraph>
        <Form<DeathForm> form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="deathDate" label="死亡日期" rules={[{ required: true, message: '请选择死亡日期' }, pastDayRule('死亡日期', birthDate ? { date: birthDate, what: '出生日期' } : undefined)]}>
            <DatePicker aria-label="死亡日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
        </Form>
        {open && <WriteProblemAlert problem={write.problem} />}
      </Modal>
    </div>
  );
}
