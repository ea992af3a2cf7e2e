import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { RequestRefused } from '../../api/graphql';
import { useHubRequest } from '../../api/use-query';
import { todayInChina } from '../../format/dates';
import { AUTHORIZATION_VALID_DAYS } from '@domain/codes';
import { idNumberRule, pastDateProblem } from '../../format/validate';
import { useSession } from '../../session/session';
import { refusalText } from './labels';
import { OpenApplicationMutation } from './queries';

interface OpenForm {
  idNumber: string;
  documentNumber: string;
  signedOn: Dayjs;
}

/** The scan's SHA-256, computed in the browser: the scan itself stays in the office's file, its digest goes with the application. */
async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
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
  const [scan, setScan] = useState<{ name: string; sha256: string }>();
  const [scanProblem, setScanProblem] = useState<string>();

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  const submit = async (values: OpenForm) => {
    if (!scan) {
      setScanProblem('须上传申请人签字的授权书（家庭经济状况核对授权书）扫描件，才能受理');
      return;
    }
    setSaving(true);
    setRefusal(undefined);
    try {
      // Opening creates the case: sent without one.
      const authorization = { documentNumber: values.documentNumber.trim(), signedOn: values.signedOn.format('YYYY-MM-DD'), fileSha256: scan.sha256 };
      const result = await request(OpenApplicationMutation, { idNumber: values.idNumber.trim().toUpperCase(), authorization }, '');
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
        <Form<OpenForm>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          onFinishFailed={() => !scan && setScanProblem('须上传申请人签字的授权书（家庭经济状况核对授权书）扫描件，才能受理')}
          initialValues={{ signedOn: dayjs(todayInChina()) }}
        >
          <Form.Item name="idNumber" label="申请人身份证号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
            <Input aria-label="申请人身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 260 }} autoComplete="off" />
          </Form.Item>
          <Typography.Text strong>授权书（家庭经济状况核对授权书）</Typography.Text>
          <Form.Item
            name="documentNumber"
            label="授权书编号"
            rules={[
              { required: true, whitespace: true, message: '请填写授权书编号' },
              { min: 2, max: 40, message: '授权书编号为 2–40 个字符' },
            ]}
          >
            <Input aria-label="授权书编号" placeholder="如 津南民核授〔2026〕15号" maxLength={40} style={{ width: 320 }} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="signedOn"
            label="签署日期"
            rules={[
              { required: true, message: '请选择授权书的签署日期' },
              {
                validator: (_, value: Dayjs | undefined) => {
                  if (!value) return Promise.resolve();
                  const problem =
                    pastDateProblem(value.format('YYYY-MM-DD'), '签署日期') ??
                    (dayjs(todayInChina()).diff(value, 'day') > AUTHORIZATION_VALID_DAYS ? `授权书签署已超过 ${AUTHORIZATION_VALID_DAYS} 天，须重新签署` : undefined);
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              },
            ]}
          >
            <DatePicker aria-label="签署日期" allowClear={false} />
          </Form.Item>
          <Form.Item label="签字授权书扫描件" validateStatus={scanProblem ? 'error' : undefined} help={scanProblem}>
            <Upload
              accept="application/pdf,image/jpeg,image/png"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                setScanProblem(undefined);
                sha256Hex(file).then(
                  (sha256) => setScan({ name: file.name, sha256 }),
                  () => setScanProblem('无法读取该文件，请重新选择'),
                );
                return false; // the scan stays here: only its digest is sent
              }}
            >
              <Button icon={<UploadOutlined />}>选择扫描件（PDF 或图片）</Button>
            </Upload>
            {scan && (
              <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid="scan-digest">
                {scan.name} · SHA-256 {scan.sha256.slice(0, 16)}…（扫描件留存本单位，随申请记录其摘要）
              </Typography.Paragraph>
            )}
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
