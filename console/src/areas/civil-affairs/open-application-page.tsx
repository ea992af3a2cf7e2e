import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { RequestRefused } from '../../api/graphql';
import { useHubRequest } from '../../api/use-query';
import { idNumberRule } from '../../format/validate';
import { useSession } from '../../session/session';
import { refusalText } from './labels';
import { OpenApplicationMutation } from './queries';

interface OpenForm {
  idNumber: string;
  authorizationOnFile: boolean;
}

/**
 * 受理: a 低保 application opened from the applicant's ID number alone. The household is the one the population
 * register records for the applicant (civil affairs asks population); the 授权书 must have been received, because
 * the application becomes the case under which the household's facts are checked.
 */
export function OpenApplicationPage() {
  const request = useHubRequest();
  const navigate = useNavigate();
  const { choosePurpose } = useSession();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  const submit = async (values: OpenForm) => {
    setSaving(true);
    setRefusal(undefined);
    try {
      // Opening creates the case: sent without one.
      const result = await request(OpenApplicationMutation, { idNumber: values.idNumber.trim().toUpperCase(), authorizationOnFile: true }, '');
      const opened = result.data?.openAssistanceApplication;
      if (!opened) {
        setRefusal(result.errors[0] ? refusalText(result.errors[0], result.requestId) : '未能受理，请稍后重试。');
        return;
      }
      // Work on the new application under its case; the ID number stays out of the address.
      choosePurpose('SUBSISTENCE_REVIEW', opened.id);
      navigate(`/civil-affairs/applications/${opened.id}`, { state: { opened: true } });
    } catch (error) {
      setRefusal(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Typography.Title level={4}>低保受理</Typography.Title>
      <Card size="small" style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">
          输入申请人的公民身份号码即可受理：申请人所在的户以人口部门的户籍登记为准，由平台向人口部门核实（记入审计日志）。受理后即在该申请的案件下办理核对。
        </Typography.Paragraph>
        <Form<OpenForm> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} initialValues={{ authorizationOnFile: false }}>
          <Form.Item name="idNumber" label="申请人身份证号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
            <Input aria-label="申请人身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 260 }} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="authorizationOnFile"
            valuePropName="checked"
            rules={[{ validator: (_, checked: boolean) => (checked ? Promise.resolve() : Promise.reject(new Error('须先收到申请人签字的授权书（家庭经济状况核对授权书），勾选后才能受理'))) }]}
          >
            <Checkbox aria-label="已收到申请人签字的授权书">已收到申请人签字的授权书</Checkbox>
          </Form.Item>
          {refusal && <Alert type="error" showIcon title={refusal} role="alert" style={{ marginBottom: 12 }} data-testid="open-refusal" />}
          <Button type="primary" htmlType="submit" loading={saving}>
            受理
          </Button>
        </Form>
      </Card>
    </div>
  );
}
