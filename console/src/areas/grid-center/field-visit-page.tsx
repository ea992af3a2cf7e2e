import { Button, Card, DatePicker, Form, Input, Result, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { codeOptions, departmentLabel } from '../../format/labels';
import { todayInChina } from '../../format/dates';
import { idNumberProblem, idNumberRule, pastDayRule } from '../../format/validate';
import { graphql } from '../../gql';
import { useSession } from '../../session/session';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { DWELLING_CHOICES, useDwellingChoices, useGridChoices } from './dwelling-choices';

const ProposeFieldChangeMutation = graphql(`
  mutation GridProposeFieldChange($input: ProposeFieldChangeInput!) {
    proposeFieldChange(input: $input) {
      id
      kind
      status
      targetDepartment
      visitedOn
    }
  }
`);

interface VisitForm {
  gridCode: string;
  dwellingId: string;
  tenantIdNumber: string;
  landlordIdNumber: string;
  rentalUse: string;
  startOn: Dayjs;
  visitedOn: Dayjs;
  note?: string;
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD');
const idNumberOf = (value: string) => value.trim().toUpperCase();

/**
 * 走访采集: what a grid worker found on a visit, sent to the department that owns the record for it to confirm —
 * today one kind, a dwelling of the grid now let (TENANCY_STARTED), which housing takes over into its register. The
 * grid center keeps only the people's keys, never their ID numbers; the worker writes nothing of housing's.
 */
export function FieldVisitPage() {
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const [form] = Form.useForm<VisitForm>();
  const write = useWrite(ProposeFieldChangeMutation);
  const [filed, setFiled] = useState<{ id: string; targetDepartment?: string | null }>();
  const grids = useGridChoices();
  const gridCode = Form.useWatch('gridCode', form) ?? (jurisdiction.length === 15 ? jurisdiction : undefined);
  const dwellings = useDwellingChoices(gridCode);
  const today = todayInChina();

  async function submit(values: VisitForm) {
    const answer = await write.send((clientRequestId) => ({
      input: {
        kind: 'TENANCY_STARTED',
        gridCode: values.gridCode,
        dwellingId: values.dwellingId,
        visitedOn: day(values.visitedOn),
        tenancy: { tenantIdNumber: idNumberOf(values.tenantIdNumber), landlordIdNumber: idNumberOf(values.landlordIdNumber), rentalUse: values.rentalUse, startOn: day(values.startOn) },
        note: values.note?.trim() || null,
        clientRequestId,
      },
    }));
    if (answer) setFiled(answer.proposeFieldChange);
  }

  if (filed) {
    return (
      <Result
        status="success"
        title="采集已提交"
        subTitle={
          <span data-testid="filed-request">
            请求编号 <Typography.Text strong>{filed.id}</Typography.Text>，已转{departmentLabel(filed.targetDepartment)}部门确认：核实后由其登记租赁，或说明不予采纳的理由。
          </span>
        }
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              write.begin();
              setFiled(undefined);
            }}
          >
            继续采集
          </Button>
        }
      />
    );
  }

  return (
    <div className="report-page">
      <Typography.Title level={4}>走访采集</Typography.Title>
      <Typography.Paragraph type="secondary">走访发现房屋已出租而房屋部门尚无租赁登记时填写。提交后转房屋部门核实登记；网格中心只记录人员编号，不保存身份证号码。</Typography.Paragraph>
      <Card size="small">
        <Form<VisitForm>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ gridCode: jurisdiction.length === 15 ? jurisdiction : undefined, visitedOn: dayjs(today), rentalUse: '02' }}
          onFinish={(values) => void submit(values)}
          onValuesChange={(changed: Partial<VisitForm>) => changed.gridCode && form.setFieldsValue({ dwellingId: undefined })}
          data-testid="field-visit-form"
        >
          <Form.Item name="gridCode" label="网格" rules={[{ required: true, message: '请选择网格' }]}>
            <Select aria-label="网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} placeholder="选择网格" options={grids.options} />
          </Form.Item>
          <Form.Item
            name="dwellingId"
            label="出租的房屋"
            rules={[{ required: true, message: '请选择走访的房屋' }]}
            extra={dwellings.total !== undefined ? `本网格共 ${dwellings.total} 套房屋${dwellings.total > DWELLING_CHOICES ? `，列出前 ${DWELLING_CHOICES} 套` : ''}，可按地址搜索` : undefined}
          >
            <Select
              aria-label="出租的房屋"
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!gridCode}
              loading={dwellings.loading}
              placeholder={gridCode ? '选择房屋' : '请先选择网格'}
              options={dwellings.options}
            />
          </Form.Item>
          <Space size={16} align="start" wrap>
            <Form.Item name="tenantIdNumber" label="承租人身份证号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
              <Input aria-label="承租人身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 240 }} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="landlordIdNumber"
              label="出租人身份证号码"
              dependencies={['tenantIdNumber']}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                idNumberRule,
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    value && !idNumberProblem(value) && idNumberOf(value) === idNumberOf(getFieldValue('tenantIdNumber') ?? '')
                      ? Promise.reject(new Error('出租人与承租人不能是同一人'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Input aria-label="出租人身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 240 }} autoComplete="off" />
            </Form.Item>
          </Space>
          <Space size={16} align="start" wrap>
            <Form.Item name="rentalUse" label="出租用途" rules={[{ required: true, message: '请选择出租用途' }]}>
              <Select aria-label="出租用途" options={codeOptions('rentalUse')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="startOn" label="起租日期" rules={[{ required: true, message: '请选择起租日期' }, pastDayRule('起租日期')]}>
              <DatePicker aria-label="起租日期" format="YYYY-MM-DD" disabledDate={(d) => day(d) > today} />
            </Form.Item>
            <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }, pastDayRule('走访日期')]}>
              <DatePicker aria-label="走访日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => day(d) > today} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="说明" rules={[{ max: 1000, message: '说明不超过 1000 个字' }]}>
            <Input.TextArea aria-label="说明" rows={3} maxLength={1000} showCount placeholder="走访所见，如：房东称上月已出租" />
          </Form.Item>
          <WriteProblemAlert problem={write.problem} />
          {/* Not a submit button: Enter in a field (confirming a typed date) must not send the report half filled in. */}
          <Button type="primary" onClick={() => form.submit()} loading={write.busy} block size="large">
            提交房屋部门确认
          </Button>
        </Form>
      </Card>
    </div>
  );
}
