import { App, DatePicker, Descriptions, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDate, todayInChina } from '../../format/dates';
import { pastDayRule } from '../../format/validate';
import type { FloatingRowFragment } from '../../gql/graphql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { RenewResidencePermitMutation } from './queries';

/** 居住证暂行条例 and local practice, as the API checks it: a 换领's new expiry is at most five years after the 签注. */
const MAX_PERMIT_YEARS = 5;

interface RenewForm {
  endorsedOn: Dayjs;
  permitExpiresOn?: Dayjs | null;
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

/**
 * 签注/换领 of one registration's 居住证: the yearly 签注 on a day not to come, after the last one and not before the
 * registration; on 换领 also the new expiry, after the 签注 and at most five years on. It sends the version the row
 * shows; the row's new state comes back and replaces it, a stale version goes to `onConflict`.
 */
export function RenewPermitForm({
  registration,
  onClose,
  onRenewed,
  onConflict,
}: {
  registration: FloatingRowFragment;
  onClose: () => void;
  onRenewed: (row: FloatingRowFragment) => void;
  onConflict: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RenewForm>();
  const write = useWrite(RenewResidencePermitMutation, { onConflict });
  const today = todayInChina();
  const lastEndorsed = registration.lastEndorsedOn;
  const registeredOn = registration.registeredOn;

  async function confirm() {
    let values: RenewForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: {
        registrationId: registration.id,
        expectedVersion: registration.version ?? 0,
        endorsedOn: day(values.endorsedOn),
        permitExpiresOn: values.permitExpiresOn ? day(values.permitExpiresOn) : null,
        clientRequestId,
      },
    }));
    if (!answer) return;
    const renewed = answer.renewResidencePermit;
    message.success(`已签注：${registration.person?.name ?? registration.id}，居住证有效期至 ${formatDate(renewed.permitExpiresOn)}`);
    onRenewed(renewed);
  }

  return (
    <Modal
      open
      title={`居住证签注/换领：${registration.person?.name ?? registration.id}`}
      okText="确认签注"
      cancelText="取消"
      confirmLoading={write.busy}
      onOk={() => void confirm()}
      onCancel={onClose}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="居住证号">{registration.permitNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="当前有效期至">{formatDate(registration.permitExpiresOn)}</Descriptions.Item>
        <Descriptions.Item label="最近签注">{formatDate(lastEndorsed)}</Descriptions.Item>
      </Descriptions>
      <Form<RenewForm> form={form} layout="vertical" requiredMark={false} initialValues={{ endorsedOn: dayjs(today) }}>
        <Form.Item
          name="endorsedOn"
          label="签注日期"
          rules={[
            { required: true, message: '请选择签注日期' },
            pastDayRule('签注日期', registeredOn ? { date: registeredOn, what: '登记日期' } : undefined),
            {
              validator: (_, value: Dayjs | undefined) =>
                value && lastEndorsed && day(value) <= lastEndorsed ? Promise.reject(new Error(`签注日期须晚于最近签注日期（${formatDate(lastEndorsed)}）`)) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker aria-label="签注日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => day(d) > today} />
        </Form.Item>
        <Form.Item
          name="permitExpiresOn"
          label="新的到期日期（换领时填写）"
          dependencies={['endorsedOn']}
          extra={`不填则有效期不变；换领的新到期日期须晚于签注日期，且不超过签注后 ${MAX_PERMIT_YEARS} 年`}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | null | undefined) => {
                const endorsed = getFieldValue('endorsedOn') as Dayjs | undefined;
                if (!value || !endorsed) return Promise.resolve();
                if (day(value) <= day(endorsed)) return Promise.reject(new Error('新的到期日期须晚于签注日期'));
                if (value.isAfter(endorsed.add(MAX_PERMIT_YEARS, 'year'))) return Promise.reject(new Error(`新的到期日期不能超过签注日期后 ${MAX_PERMIT_YEARS} 年`));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker aria-label="新的到期日期" format="YYYY-MM-DD" />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">按《居住证暂行条例》，居住证每年签注一次；换领新证时同时登记新的到期日期。</Typography.Paragraph>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
