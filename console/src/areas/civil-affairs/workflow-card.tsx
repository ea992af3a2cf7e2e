import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { RequestRefused } from '../../api/graphql';
import { useHubRequest } from '../../api/use-query';
import { formatDate, todayInChina } from '../../format/dates';
import { codeLabel } from '../../format/labels';
import { pastDateProblem } from '../../format/validate';
import type { CivilApplicationRecordQuery, CivilRecordStepMutation } from '../../gql/graphql';
import { RecordStepMutation } from './queries';
import { useSession } from '../../session/session';
import { STEPS, refusalText } from './labels';

type Application = NonNullable<CivilApplicationRecordQuery['assistanceApplication']>;
export type RecordedStep = CivilRecordStepMutation['recordApplicationStep'];

/** The latest date the application records: a step cannot be dated before it (the API checks it too). */
function lastStepDate(application: Application): string {
  return (
    [application.appliedOn, application.verifiedOn, application.investigatedOn, application.publicizedOn]
      .filter((d): d is string => !!d)
      .sort()
      .pop() ?? '0000-00-00'
  );
}

interface StepForm {
  step: string;
  on: Dayjs;
  reason?: string;
}

/**
 * 记录办理环节: 受理 → 核对 → 入户调查 → 公示 → 审批 / 不予批准, or 撤回, each dated (not in the future, not before the
 * last step) under the application's case. Only the steps the current status allows are offered; what the API still
 * refuses (公示 not over, no eligible report) is shown as it explains it.
 */
export function WorkflowCard({ application, onRecorded }: { application: Application; onRecorded: (step: RecordedStep, label: string) => void }) {
  const request = useHubRequest();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepForm>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const chosen = Form.useWatch('step', form);
  const today = todayInChina();
  const earliest = lastStepDate(application);
  const role = useSession().session?.info.user.role ?? '';
  // A step the policy keeps for another role (审批: the supervisor) is shown, but not offered.
  const options = Object.entries(STEPS)
    .filter(([, step]) => step.from.includes(application.status))
    .map(([value, step]) => {
      const notMine = !!step.roles && !step.roles.includes(role);
      return { value, label: notMine ? `${step.label}（须由审批人办理）` : step.label, disabled: notMine };
    });

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  const submit = async (values: StepForm) => {
    setSaving(true);
    setRefusal(undefined);
    const label = STEPS[values.step]?.label ?? values.step;
    try {
      const result = await request(RecordStepMutation, { id: application.id, step: values.step, on: values.on.format('YYYY-MM-DD'), reason: values.reason?.trim() || null }, application.id);
      const recorded = result.data?.recordApplicationStep;
      const error = result.errors[0];
      if (!recorded || error) {
        setRefusal(error ? refusalText(error, result.requestId) : '未能记录，请稍后重试。');
        return;
      }
      message.success(`已记录：${label}（${formatDate(values.on.format('YYYY-MM-DD'))}），申请状态为「${codeLabel('applicationStatus', recorded.status)}」`);
      form.resetFields();
      onRecorded(recorded, label);
    } catch (error) {
      setRefusal(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="记录办理环节" className="no-print">
      {application.publicizedOn && application.status === 'PUBLICIZING' && (
        <Typography.Paragraph type="secondary">
          公示自 {formatDate(application.publicizedOn)} 开始，公示期 7 天，
          {application.publicityEndsOn && application.publicityEndsOn > today ? `至 ${formatDate(application.publicityEndsOn)} 届满后方可审批。` : '已届满，可以审批。'}
        </Typography.Paragraph>
      )}
      <Form<StepForm> form={form} layout="vertical" initialValues={{ on: dayjs(today) }} onFinish={(values) => void submit(values)} requiredMark={false} style={{ maxWidth: 560 }}>
        <Form.Item name="step" label="办理环节" rules={[{ required: true, message: '请选择要记录的办理环节' }]}>
          <Select aria-label="办理环节" placeholder="选择办理环节" options={options} />
        </Form.Item>
        <Form.Item
          name="on"
          label="办理日期"
          rules={[
            { required: true, message: '请选择办理日期' },
            {
              validator: (_, value: Dayjs | undefined) => {
                if (!value) return Promise.resolve();
                const day = value.format('YYYY-MM-DD');
                const problem = pastDateProblem(day, '办理日期') ?? (day < earliest ? `办理日期不能早于上一环节的日期（${formatDate(earliest)}）` : undefined);
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker aria-label="办理日期" placeholder="年-月-日" format="YYYY-MM-DD" disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={chosen === 'REJECTED' ? '不予批准理由（书面）' : chosen === 'WITHDRAWN' ? '撤回原因' : '说明'}
          rules={[{ required: !!(chosen && STEPS[chosen]?.needsReason), whitespace: true, message: chosen === 'WITHDRAWN' ? '撤回须填写原因' : '不予批准须书面说明理由' }]}
        >
          <Input.TextArea aria-label="理由" rows={2} maxLength={500} showCount placeholder={chosen && STEPS[chosen]?.needsReason ? '必填' : '选填'} />
        </Form.Item>
        {refusal && <Alert type="error" showIcon title={refusal} role="alert" style={{ marginBottom: 12 }} data-testid="step-refusal" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            记录
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
