import { UserAddOutlined } from '@ant-design/icons';
import { DISTRICT, ORIGIN_COUNTIES } from '@domain/regions';
import { App, AutoComplete, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayInChina } from '../../format/dates';
import { regionName } from '../../format/regions';
import { codeOptions } from '../../format/labels';
import { idNumberProblem, idNumberRule, pastDayRule } from '../../format/validate';
import { graphql } from '../../gql';
import { DWELLING_CHOICES, useDwellingChoices, useGridChoices } from '../grid-center/dwelling-choices';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';

export const RegisterFloatingResidentMutation = graphql(`
  mutation PoliceRegisterFloatingResident($input: RegisterFloatingResidentInput!) {
    registerFloatingResident(input: $input) {
      ...FloatingRow
    }
  }
`);

/** 住所类型 租赁房屋: the registration then names the 房东. */
const RENTED = '02';
/** 办证类型 居住证, the usual one. */
const RESIDENCE_PERMIT = '01';

interface RegisterForm {
  idNumber: string;
  name: string;
  hukouRegionCode: string;
  gridCode: string;
  dwellingId: string;
  inflowReason: string;
  residenceType: string;
  landlordIdNumber?: string;
  registeredOn: Dayjs;
  permitType: string;
  permitNumber?: string;
  permitExpiresOn?: Dayjs | null;
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

/** A 6-digit GB/T 2260 county code, not this district (its residents are not floating). */
const hukouRule = {
  validator: (_: unknown, value: string | undefined) => {
    const code = (value ?? '').trim();
    if (!/^\d{6}$/.test(code)) return Promise.reject(new Error('户籍地应为 6 位区县代码（GB/T 2260），可从列表中选择'));
    if (code === DISTRICT.code) return Promise.reject(new Error(`户籍在本区（${DISTRICT.name}）的居民不作流动人口登记`));
    return Promise.resolve();
  },
};

const HUKOU_OPTIONS = ORIGIN_COUNTIES.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }));

/**
 * 流动人口登记: a resident from elsewhere registered at a dwelling of the jurisdiction, picked by grid and address from
 * the grid center's list. The ID numbers (the resident's and the landlord's) are checked by GB 11643 before anything
 * is sent, the codes are the API's own tables (GB/T 31000), and a 居住证 needs its expiry after the registration.
 * The new registration comes back as a row of the search (`onRegistered`).
 */
export function RegisterFloatingForm({ onRegistered }: { onRegistered: (name: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="register-floating">
      <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOpen(true)}>
        流动人口登记
      </Button>
      {open && (
        <RegisterFloatingDialog
          onClose={() => setOpen(false)}
          onRegistered={(name) => {
            setOpen(false);
            onRegistered(name);
          }}
        />
      )}
    </div>
  );
}

/** The dialog, mounted for one registration: its client request id is made at its first send and kept for its retries. */
function RegisterFloatingDialog({ onClose, onRegistered }: { onClose: () => void; onRegistered: (name: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const write = useWrite(RegisterFloatingResidentMutation);
  const gridCode = Form.useWatch('gridCode', form);
  const residenceType = Form.useWatch('residenceType', form);
  const registeredOn = Form.useWatch('registeredOn', form);
  const hukou = Form.useWatch('hukouRegionCode', form);
  const grids = useGridChoices();
  const dwellings = useDwellingChoices(gridCode);
  const today = todayInChina();

  async function confirm() {
    let values: RegisterForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const landlord = values.landlordIdNumber?.trim().toUpperCase();
    const answer = await write.send((clientRequestId) => ({
      input: {
        idNumber: values.idNumber.trim().toUpperCase(),
        name: values.name.trim(),
        dwellingId: values.dwellingId,
        gridCode: values.gridCode,
        hukouRegionCode: values.hukouRegionCode.trim(),
        inflowReason: values.inflowReason,
        residenceType: values.residenceType,
        permitType: values.permitType,
        permitNumber: values.permitNumber?.trim() || null,
        permitExpiresOn: values.permitExpiresOn ? day(values.permitExpiresOn) : null,
        landlordIdNumber: landlord || null,
        registeredOn: day(values.registeredOn),
        clientRequestId,
      },
    }));
    if (!answer) return;
    const registered = answer.registerFloatingResident;
    message.success(`已登记流动人口：${registered.person?.name ?? values.name.trim()}（登记编号 ${registered.id}）`);
    onRegistered(values.name.trim());
  }

  return (
    <Modal open width={720} title="流动人口登记" okText="登记" cancelText="取消" confirmLoading={write.busy} onOk={() => void confirm()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">
        登记外地户籍人员在辖区内的居住。住所从网格中心的房屋清单中选择；每人只能有一条有效登记，已有登记的请先注销。身份证号码按 GB 11643 校验。
      </Typography.Paragraph>
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ registeredOn: dayjs(today), permitType: RESIDENCE_PERMIT }}
        onValuesChange={(changed: Partial<RegisterForm>) => {
          if (changed.gridCode) form.setFieldsValue({ dwellingId: undefined });
          if (changed.residenceType && changed.residenceType !== RENTED) form.setFieldsValue({ landlordIdNumber: undefined });
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="idNumber" label="公民身份号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
              <Input aria-label="公民身份号码" placeholder="18 位公民身份号码" maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请填写姓名' },
                { max: 64, message: '姓名不超过 64 个字' },
              ]}
            >
              <Input aria-label="姓名" maxLength={64} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hukouRegionCode" label="户籍地" rules={[hukouRule]} extra={hukou && /^\d{6}$/.test(hukou) ? regionName(hukou) : undefined}>
              <AutoComplete
                aria-label="户籍地"
                placeholder="6 位区县代码，或从列表选择"
                options={HUKOU_OPTIONS}
                showSearch={{ filterOption: (input, option) => !!option && (option.label.includes(input) || option.value.startsWith(input)) }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="inflowReason" label="流入原因" rules={[{ required: true, message: '请选择流入原因' }]}>
              <Select aria-label="流入原因" placeholder="选择原因" options={codeOptions('inflowReason')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gridCode" label="居住网格" rules={[{ required: true, message: '请选择居住的网格' }]}>
              <Select aria-label="居住网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} placeholder="选择网格" options={grids.options} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="dwellingId"
              label="居住房屋"
              rules={[{ required: true, message: '请选择居住的房屋' }]}
              extra={dwellings.total !== undefined && dwellings.total > DWELLING_CHOICES ? `本网格共 ${dwellings.total} 套房屋，列出前 ${DWELLING_CHOICES} 套，可按地址搜索` : '可按地址搜索'}
            >
              <Select
                aria-label="居住房屋"
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!gridCode}
                loading={dwellings.loading}
                placeholder={gridCode ? '选择房屋' : '请先选择网格'}
                options={dwellings.options}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="residenceType" label="住所类型" rules={[{ required: true, message: '请选择住所类型' }]}>
              <Select aria-label="住所类型" placeholder="选择住所类型" options={codeOptions('residenceType')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="landlordIdNumber"
              label="房东身份证号码"
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                {
                  validator: (_, v?: string) => {
                    if (!v?.trim()) return Promise.resolve();
                    const problem = idNumberProblem(v);
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input
                aria-label="房东身份证号码"
                placeholder={residenceType === RENTED ? '18 位公民身份号码' : '非租赁房屋无需填写'}
                disabled={residenceType !== RENTED}
                maxLength={18}
                autoComplete="off"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="registeredOn" label="登记日期" rules={[{ required: true, message: '请选择登记日期' }, pastDayRule('登记日期')]}>
              <DatePicker aria-label="登记日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="permitType" label="办证类型" rules={[{ required: true, message: '请选择办证类型' }]}>
              <Select aria-label="办证类型" options={codeOptions('permitType')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="permitNumber" label="证件号码" rules={[{ max: 64, message: '证件号码不超过 64 个字符' }]}>
              <Input aria-label="证件号码" maxLength={64} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="permitExpiresOn"
              label="证件到期日期"
              dependencies={['registeredOn']}
              rules={[
                {
                  validator: (_, value: Dayjs | null | undefined) =>
                    value && registeredOn && day(value) <= day(registeredOn) ? Promise.reject(new Error('到期日期应晚于登记日期')) : Promise.resolve(),
                },
              ]}
            >
              <DatePicker aria-label="证件到期日期" format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
