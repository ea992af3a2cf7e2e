import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CASE_REGISTER_PATH } from '../areas/police';
import { useAreaRoutes } from '../areas/routes';
import { departmentLabel, ROLE_LABELS } from '../format/labels';
import { CASE_NUMBER_MESSAGE, CASE_NUMBER_PATTERN } from '../format/validate';
import { useSession } from './session';

/**
 * The purpose is chosen explicitly, before anything is fetched: only those the department may use. A purpose
 * bound to a case asks for it here, except 低保审核, whose cases are the applications opened from the list. 案件侦查's
 * case may be left out by those who keep the case register: they start there, and choose or register the case.
 */
export function PurposePage() {
  const { session, choosePurpose, signOut } = useSession();
  const navigate = useNavigate();
  const registerOffered = useAreaRoutes().some((r) => r.path === CASE_REGISTER_PATH);
  const [chosen, setChosen] = useState<string>();
  if (!session) return null;
  const { user, purposes, jurisdictionName } = session.info;
  const choice = purposes.find((p) => p.code === chosen);
  const asksForCase = choice?.caseRequired && choice.code !== 'SUBSISTENCE_REVIEW';
  const caseOptional = asksForCase && choice.code === 'CASE_INVESTIGATION' && registerOffered;
  const start = (values: { purpose: string; caseId?: string }) => {
    const caseId = asksForCase ? values.caseId?.trim() || undefined : undefined;
    if (caseOptional && !caseId) navigate(CASE_REGISTER_PATH);
    choosePurpose(values.purpose, caseId);
  };
  return (
    <div className="sign-in">
      <Card className="sign-in-card" title="选择本次工作的用途">
        <Typography.Paragraph>
          {user.name}（{departmentLabel(user.dept)} · {ROLE_LABELS[user.role] ?? user.role}），辖区：{jurisdictionName ?? user.jurisdiction}（{user.jurisdiction}）
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">每次查询都按用途授权并记入审计日志。请选择与您当前工作相符的用途。</Typography.Paragraph>
        {purposes.length === 0 && <Alert type="warning" showIcon title="您的部门没有可用的用途，请联系管理员。" />}
        <Form layout="vertical" requiredMark={false} onFinish={start}>
          <Form.Item name="purpose" rules={[{ required: true, message: '请选择用途' }]}>
            <Radio.Group onChange={(e) => setChosen(e.target.value)} aria-label="用途">
              <Space orientation="vertical">
                {purposes.map((p) => (
                  <Radio key={p.code} value={p.code}>
                    {p.label}
                    <Typography.Text type="secondary"> {p.code}</Typography.Text>
                    {p.caseRequired && <Typography.Text type="warning">（须关联案件）</Typography.Text>}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {choice?.code === 'SUBSISTENCE_REVIEW' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="低保核对以申请为案件：在申请列表中打开或受理申请后，即在该申请的案件下工作。" />}
          {asksForCase && (
            <Form.Item
              name="caseId"
              label="案件编号"
              rules={[
                { required: !caseOptional, whitespace: true, message: '该用途须填写案件编号' },
                { pattern: CASE_NUMBER_PATTERN, message: CASE_NUMBER_MESSAGE },
              ]}
              extra={caseOptional ? '填写已在「案件登记」中登记、尚未结案的案件编号；也可不填，先进入案件登记，选择或登记案件后再在该案件下工作。' : undefined}
            >
              <Input aria-label="案件编号" placeholder="例如：津南公(刑)立字2026-0815 的系统编号 JN2026-0815" />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit">
              开始工作
            </Button>
            <Button onClick={() => signOut()}>退出登录</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
