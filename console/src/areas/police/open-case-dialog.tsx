import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { RequestRefused } from '../../api/graphql';
import { useHubRequest } from '../../api/use-query';
import { todayInChina } from '../../format/dates';
import { namedRegionsWithin } from '../../format/regions';
import { CASE_NUMBER_MESSAGE, CASE_NUMBER_PATTERN, idNumberRule, pastDateProblem } from '../../format/validate';
import { useSession } from '../../session/session';
import { refusalText } from '../civil-affairs/labels';
import { OpenInvestigationCaseMutation } from './queries';

/** What the API takes at most (MAX_CASE_SUBJECTS): a larger circle is several cases. */
const MAX_SUBJECTS = 50;

interface OpenCaseForm {
  caseNumber: string;
  summary: string;
  jurisdiction: string;
  subjectIdNumbers: string[];
  openedOn: Dayjs;
}

/**
 * 立案登记: a case the police opened in their case system, registered here so that 案件侦查 may name it. The fields
 * are checked as the API checks them (the case number's characters, each ID number's GB 11643 check digit, a date
 * not in the future) before anything is sent; what only the API knows (a number already registered) comes back as
 * its refusal, in Chinese.
 */
export function OpenCaseDialog({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (caseNumber: string) => void }) {
  const { session } = useSession();
  const request = useHubRequest();
  const [form] = Form.useForm<OpenCaseForm>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const regions = namedRegionsWithin(jurisdiction, session?.info.jurisdictionName);
  const today = todayInChina();

  async function confirm() {
    let values: OpenCaseForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    try {
      const input = {
        caseNumber: values.caseNumber.trim(),
        summary: values.summary.trim(),
        jurisdiction: values.jurisdiction,
        subjectIdNumbers: values.subjectIdNumbers.map((idNumber) => idNumber.trim().toUpperCase()),
        openedOn: values.openedOn.format('YYYY-MM-DD'),
      };
      // Registering needs no case, and the session's case (if any) has nothing to do with the new one.
      const result = await request(OpenInvestigationCaseMutation, { input }, '');
      const opened = result.data?.openInvestigationCase;
      if (!opened) {
        setRefusal(result.errors[0] ? refusalText(result.errors[0], result.requestId) : '未能立案登记，请稍后重试。');
        return;
      }
      form.resetFields();
      onOpened(opened.caseNumber);
    } catch (error) {
      setRefusal(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title="立案登记"
      width={640}
      okText="登记"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void confirm()}
      onCancel={() => {
        setRefusal(undefined);
        onClose();
      }}
      // Kept mounted, as the other dialogs' forms are, so that the confirm button always has its form.
      forceRender
    >
      <Typography.Paragraph type="secondary">登记公安案件系统中已立案的案件，登记后即可在该案件下查询辖区内的人员信息。涉案人员只保存其人员标识，不保存身份证号码。</Typography.Paragraph>
      <Form<OpenCaseForm> form={form} layout="vertical" requiredMark={false} initialValues={{ jurisdiction, subjectIdNumbers: [''], openedOn: dayjs(today) }} data-testid="open-case-form">
        <Form.Item
          name="caseNumber"
          label="案件编号"
          rules={[
            { required: true, whitespace: true, message: '请填写案件编号' },
            { pattern: CASE_NUMBER_PATTERN, message: CASE_NUMBER_MESSAGE },
          ]}
        >
          <Input aria-label="案件编号" placeholder="公安案件系统中的案件编号，如 A1201125000002026120001" maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="summary" label="简要案情" rules={[{ required: true, whitespace: true, message: '请填写简要案情' }]}>
          <Input.TextArea aria-label="简要案情" rows={2} maxLength={500} showCount />
        </Form.Item>
        <Space size={16} align="start" wrap>
          <Form.Item name="jurisdiction" label="所属区域" rules={[{ required: true, message: '请选择所属区域' }]} extra="默认为您的辖区，也可选辖区内的街道/镇">
            <Select aria-label="所属区域" showSearch={{ optionFilterProp: 'label' }} options={regions.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))} style={{ width: 300 }} />
          </Form.Item>
          <Form.Item
            name="openedOn"
            label="立案日期"
            rules={[
              { required: true, message: '请选择立案日期' },
              {
                validator: (_, value: Dayjs | undefined) => {
                  const problem = value ? pastDateProblem(value.format('YYYY-MM-DD'), '立案日期') : undefined;
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              },
            ]}
          >
            <DatePicker aria-label="立案日期" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
        </Space>
        <Form.List name="subjectIdNumbers">
          {(fields, { add, remove }) => (
            <Form.Item label={`涉案人员身份证号码（1–${MAX_SUBJECTS} 人）`} required>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={field.name} rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']} style={{ marginBottom: 8 }}>
                    <Input aria-label={`涉案人员 ${index + 1} 身份证号码`} placeholder="18 位公民身份号码" maxLength={18} style={{ width: 260 }} autoComplete="off" />
                  </Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} aria-label={`删除涉案人员 ${index + 1}`} onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button icon={<PlusOutlined />} disabled={fields.length >= MAX_SUBJECTS} onClick={() => add('')}>
                添加涉案人员
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
      {refusal && <Alert type="error" showIcon role="alert" title={refusal} data-testid="open-case-refusal" />}
    </Modal>
  );
}
