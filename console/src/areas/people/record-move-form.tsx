import { HomeOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDate, todayInChina } from '../../format/dates';
import { pastDayRule } from '../../format/validate';
import { graphql } from '../../gql';
import { DWELLING_CHOICES, useDwellingChoices, useGridChoices } from '../grid-center/dwelling-choices';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';

const RecordMoveMutation = graphql(`
  mutation PopulationRecordMove($input: RecordMoveInput!) {
    recordMove(input: $input) {
      id
      version
      residenceSince
      residence {
        id
        address
      }
    }
  }
`);

/** What the form needs of the person page's record. */
export interface Resident {
  id: string;
  name?: string | null;
  version: number;
  residenceSince?: string | null;
  residence?: { id: string; grid?: { code: string } | null } | null;
}

interface MoveForm {
  gridCode: string;
  dwellingId: string;
  movedOn: Dayjs;
}

/**
 * 迁移登记: the resident now lives in another dwelling of the jurisdiction, picked by grid and address from the grid
 * center's list (never typed), moved in on a day not to come and not before the last move. It sends the version the
 * page shows; someone else's change in between comes back as CONFLICT, and the page reloads the record.
 */
export function RecordMoveForm({ person, onChanged }: { person: Resident; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<MoveForm>();
  const write = useWrite(RecordMoveMutation, {
    onConflict: () => {
      setOpen(false);
      onChanged();
    },
  });
  const gridCode = Form.useWatch('gridCode', form);
  const grids = useGridChoices({ skip: !open });
  const dwellings = useDwellingChoices(open ? gridCode : undefined);
  const today = todayInChina();
  const elsewhere = dwellings.options.filter((d) => d.value !== person.residence?.id);

  function start() {
    write.begin();
    form.resetFields();
    form.setFieldsValue({ gridCode: person.residence?.grid?.code, movedOn: dayjs(today) });
    setOpen(true);
  }

  async function confirm() {
    let values: MoveForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: { personId: person.id, expectedVersion: person.version, dwellingId: values.dwellingId, gridCode: values.gridCode, movedOn: values.movedOn.format('YYYY-MM-DD'), clientRequestId },
    }));
    if (!answer) return;
    message.success(`已登记迁移：${answer.recordMove.residence?.address ?? answer.recordMove.residence?.id ?? ''}，${formatDate(answer.recordMove.residenceSince)}起居住`);
    setOpen(false);
    onChanged();
  }

  return (
    <div data-testid="record-move">
      <Button icon={<HomeOutlined />} onClick={start}>
        迁移登记
      </Button>
      {!open && <WriteProblemAlert problem={write.problem} onClose={write.dismiss} />}
      <Modal
        open={open}
        title={`迁移登记：${person.name ?? ''}`}
        okText="登记迁移"
        cancelText="取消"
        confirmLoading={write.busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        // Kept mounted, as the console's other dialogs are, so that the confirm button always has its form.
        forceRender
      >
        <Typography.Paragraph type="secondary">登记该居民迁入辖区内的另一处房屋。房屋从网格中心的房屋清单中选择；迁入日期不能晚于今天，也不能早于上次迁入的日期。</Typography.Paragraph>
        <Form<MoveForm> form={form} layout="vertical" requiredMark={false} onValuesChange={(changed: Partial<MoveForm>) => changed.gridCode && form.setFieldsValue({ dwellingId: undefined })}>
          <Form.Item name="gridCode" label="迁入网格" rules={[{ required: true, message: '请选择迁入的网格' }]}>
            <Select aria-label="迁入网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} placeholder="选择网格" options={grids.options} />
          </Form.Item>
          <Form.Item
            name="dwellingId"
            label="迁入房屋"
            rules={[{ required: true, message: '请选择迁入的房屋' }]}
            extra={
              dwellings.total !== undefined && dwellings.total > DWELLING_CHOICES ? `本网格共 ${dwellings.total} 套房屋，列出前 ${DWELLING_CHOICES} 套，可按地址搜索` : '不含现居住房屋，可按地址搜索'
            }
          >
            <Select
              aria-label="迁入房屋"
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!gridCode}
              loading={dwellings.loading}
              placeholder={gridCode ? '选择房屋' : '请先选择网格'}
              options={elsewhere}
            />
          </Form.Item>
          <Form.Item
            name="movedOn"
            label="迁入日期"
            rules={[{ required: true, message: '请选择迁入日期' }, pastDayRule('迁入日期', person.residenceSince ? { date: person.residenceSince, what: '上次迁入日期' } : undefined)]}
          >
            <DatePicker aria-label="迁入日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
        </Form>
        {open && <WriteProblemAlert problem={write.problem} />}
      </Modal>
    </div>
  );
}
