import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { codeOptions } from '../../format/labels';
import { idNumberProblem, pastDateProblem } from '../../format/validate';
import { graphql } from '../../gql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';

const RegisterBirthMutation = graphql(`
  mutation PopulationRegisterBirth($input: RegisterBirthInput!) {
    registerBirth(input: $input) {
      id
      name
      birthDate
    }
  }
`);

interface BirthForm {
  idNumber: string;
  name: string;
  ethnicity: string;
  relationToHead: string;
}

/** 户主 is not a newborn's relation (the API refuses it). */
const HEAD_OF_HOUSEHOLD = '02';

/** The newborn's ID number as GB 11643 checks it, and the birth date it carries not to come. */
const newbornIdNumberRule = {
  validator: (_: unknown, value: string | undefined) => {
    const idNumber = (value ?? '').trim().toUpperCase();
    const problem = idNumberProblem(idNumber) ?? pastDateProblem(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, '身份证号码中的出生日期');
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

/**
 * 出生登记: a newborn registered into this household, living with it from the day of birth. Birth date and gender
 * come from the ID number, so the form checks it (GB 11643 check digit, a birth date not to come) before sending.
 */
export function RegisterBirthForm({ householdId, onChanged }: { householdId: string; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<BirthForm>();
  const write = useWrite(RegisterBirthMutation);

  function start() {
    write.begin();
    form.resetFields();
    setOpen(true);
  }

  async function confirm() {
    let values: BirthForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: { idNumber: values.idNumber.trim().toUpperCase(), name: values.name.trim(), ethnicity: values.ethnicity, householdId, relationToHead: values.relationToHead, clientRequestId },
    }));
    if (!answer) return;
    message.success(`已登记出生：${answer.registerBirth.name ?? values.name.trim()}`);
    setOpen(false);
    onChanged();
  }

  return (
    <div data-testid="register-birth">
      <Button icon={<UserAddOutlined />} onClick={start}>
        出生登记
      </Button>
      <Modal open={open} title="出生登记" okText="登记出生" cancelText="取消" confirmLoading={write.busy} onOk={() => void confirm()} onCancel={() => setOpen(false)} forceRender>
        <Typography.Paragraph type="secondary">将新生儿登记入本户，自出生之日起与本户共同生活。出生日期和性别按身份证号码登记。</Typography.Paragraph>
        <Form<BirthForm> form={form} layout="vertical" requiredMark={false} initialValues={{ ethnicity: '01' }}>
          <Form.Item name="idNumber" label="公民身份号码" rules={[newbornIdNumberRule]} validateTrigger={['onChange', 'onBlur']}>
            <Input aria-label="公民身份号码" placeholder="18 位公民身份号码" maxLength={18} autoComplete="off" />
          </Form.Item>
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
          <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
            <Select aria-label="民族" options={codeOptions('ethnicity')} />
          </Form.Item>
          <Form.Item name="relationToHead" label="与户主关系" rules={[{ required: true, message: '请选择与户主关系' }]}>
            <Select aria-label="与户主关系" placeholder="如：子、女、孙辈" options={codeOptions('familyRelation').filter((option) => option.value !== HEAD_OF_HOUSEHOLD)} />
          </Form.Item>
        </Form>
        <WriteProblemAlert problem={write.problem} />
      </Modal>
    </div>
  );
}
