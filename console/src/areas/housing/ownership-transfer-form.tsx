import { MinusCircleOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayInChina } from '../../format/dates';
import { idNumberProblem, pastDayRule } from '../../format/validate';
import { graphql } from '../../gql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';

const RecordOwnershipTransferMutation = graphql(`
  mutation HousingRecordOwnershipTransfer($input: RecordOwnershipTransferInput!) {
    recordOwnershipTransfer(input: $input) {
      dwellingId
      owners {
        share
        registeredOn
        owner {
          id
          name
        }
      }
    }
  }
`);

/** The API's limit: a dwelling has 1 to 10 owners. */
const MAX_OWNERS = 10;

interface NewOwner {
  idNumber: string;
  /** 份额 in percent, as a 不动产权证 writes it. */
  percent: number;
}

interface TransferForm {
  owners: NewOwner[];
  registeredOn: Dayjs;
}

/** Percent with two decimals, the precision housing keeps (a share to four decimals). */
const sumOf = (owners: Array<Partial<NewOwner> | undefined> | undefined) => Math.round((owners ?? []).reduce((sum, o) => sum + (o?.percent ?? 0), 0) * 100) / 100;

/** A new owner's ID number by GB 11643, and not one named twice. */
const ownerIdNumberRule = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
  validator: (rule: unknown, value: string | undefined) => {
    const idNumber = (value ?? '').trim().toUpperCase();
    const problem = idNumberProblem(idNumber);
    if (problem) return Promise.reject(new Error(problem));
    const named = ((getFieldValue('owners') as Array<Partial<NewOwner> | undefined>) ?? []).filter((o) => (o?.idNumber ?? '').trim().toUpperCase() === idNumber).length;
    return named > 1 ? Promise.reject(new Error('同一产权人不能重复填写')) : Promise.resolve();
  },
});

/** What the form needs of the dwelling page's record. */
export interface TransferredDwelling {
  id: string;
  version: number;
  address?: string | null;
}

/**
 * 产权转移登记: the dwelling's owners from the registration day on (a sale, an inheritance, a gift): one to ten owners
 * by ID number (GB 11643, checked before sending), their shares adding up to 100%. The owners shown are replaced as a
 * whole; the page shows the new ones as housing registered them. It sends the version the page shows; someone else's
 * change in between comes back as CONFLICT, and the page reloads the dwelling with its current owners.
 */
export function OwnershipTransferForm({ dwelling, onChanged }: { dwelling: TransferredDwelling; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TransferForm>();
  const write = useWrite(RecordOwnershipTransferMutation, {
    onConflict: () => {
      setOpen(false);
      onChanged();
    },
  });
  const owners = Form.useWatch('owners', form);
  const today = todayInChina();
  const total = sumOf(owners);

  function start() {
    write.begin();
    form.resetFields();
    form.setFieldsValue({ owners: [{ idNumber: '', percent: 100 }], registeredOn: dayjs(today) });
    setOpen(true);
  }

  async function confirm() {
    let values: TransferForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: {
        dwellingId: dwelling.id,
        expectedVersion: dwelling.version,
        owners: values.owners.map((o) => ({ idNumber: o.idNumber.trim().toUpperCase(), share: Math.round(o.percent * 100) / 10_000 })),
        registeredOn: values.registeredOn.format('YYYY-MM-DD'),
        clientRequestId,
      },
    }));
    if (!answer) return;
    const names = answer.recordOwnershipTransfer.owners.map((o) => o.owner?.name ?? '—').join('、');
    message.success(`已登记产权转移：现产权人 ${names}`);
    setOpen(false);
    onChanged();
  }

  return (
    // In the card's header, right-aligned: a refusal shown after the dialog closed sits under the button.
    <div data-testid="ownership-transfer" style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end' }}>
      <Button size="small" icon={<SwapOutlined />} onClick={start}>
        产权转移登记
      </Button>
      {!open && <WriteProblemAlert problem={write.problem} onClose={write.dismiss} />}
      <Modal
        open={open}
        width={600}
        title={`产权转移登记：${dwelling.address ?? dwelling.id}`}
        okText="登记转移"
        cancelText="取消"
        confirmLoading={write.busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Typography.Paragraph type="secondary">按不动产登记登记本房屋的新产权人（买卖、继承、赠与等）。登记后原产权人全部由新产权人替代；共有的，各人份额合计应为 100%。</Typography.Paragraph>
        <Form<TransferForm> form={form} layout="vertical" requiredMark={false}>
          <Form.List
            name="owners"
            rules={[
              {
                validator: (_, list: Array<Partial<NewOwner> | undefined> | undefined) =>
                  Math.abs(sumOf(list) - 100) > 0.001 ? Promise.reject(new Error(`各产权人份额合计应为 100%，当前为 ${sumOf(list)}%`)) : Promise.resolve(),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" style={{ display: 'flex' }} data-testid={`new-owner-${index}`}>
                    <Form.Item name={[field.name, 'idNumber']} label={index === 0 ? '产权人身份证号码' : undefined} rules={[ownerIdNumberRule]} validateTrigger={['onChange', 'onBlur']}>
                      <Input aria-label={`第 ${index + 1} 位产权人身份证号码`} placeholder="18 位公民身份号码" maxLength={18} autoComplete="off" style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'percent']} label={index === 0 ? '份额' : undefined} rules={[{ required: true, message: '请填写份额' }]}>
                      <InputNumber<number> aria-label={`第 ${index + 1} 位产权人份额`} min={0.01} max={100} precision={2} suffix="%" style={{ width: 130 }} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="text" aria-label={`删除第 ${index + 1} 位产权人`} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} style={{ marginTop: index === 0 ? 30 : 0 }} />
                    )}
                  </Space>
                ))}
                <Space style={{ marginBottom: 12 }}>
                  <Button
                    icon={<PlusOutlined />}
                    disabled={fields.length >= MAX_OWNERS}
                    onClick={() => add({ idNumber: '', percent: Math.max(0, Math.round((100 - total) * 100) / 100) || undefined })}
                  >
                    增加共有人
                  </Button>
                  <Typography.Text type={Math.abs(total - 100) > 0.001 ? 'danger' : 'secondary'} data-testid="share-total">
                    份额合计 {total}%
                  </Typography.Text>
                </Space>
                {/* The list's rule runs on submit only: say the sum as it is now, and nothing once it is 100% again. */}
                <Form.ErrorList errors={errors.length > 0 && Math.abs(total - 100) > 0.001 ? [`各产权人份额合计应为 100%，当前为 ${total}%`] : []} />
              </>
            )}
          </Form.List>
          <Form.Item name="registeredOn" label="登记日期" rules={[{ required: true, message: '请选择登记日期' }, pastDayRule('登记日期')]}>
            <DatePicker aria-label="登记日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
        </Form>
        {open && <WriteProblemAlert problem={write.problem} />}
      </Modal>
    </div>
  );
}
