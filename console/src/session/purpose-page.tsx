import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { departmentLabel, ROLE_LABELS } from '../format/labels';
import { useSession } from './session';

const CASE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-:.]{0,63}$/;

/**
 * The purpose is chosen explicitly, before anything is fetched: only those the department may use. A purpose
 * bound to a case asks for it here, except 低保审核, whose cases are the applications opened from the list.
 */
export function PurposePage() {
  const { session, choosePurpose, signOut } = useSession();
  const [chosen, setChosen] = useState<string>();
  if (!session) return null;
  const { user, purposes, jurisdictionName } = session.info;
  const choice = purposes.find((p) => p.code === chosen);
  const asksForCase = choice?.caseRequired && choice.code !== 'SUBSISTENCE_REVIEW';
  return (
    <div className="sign-in">
      <Card className="sign-in-card" title="选择本次工作的用途">
        <Typography.Paragraph>
          {user.name}（{departmentLabel(user.dept)} · {ROLE_LABELS[user.role] ?? user.role}），辖区：{jurisdictionName ?? user.jurisdiction}（{user.jurisdiction}）
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">每次查询都按用途授权并记入审计日志。请选择与您当前工作相符的用途。</Typography.Paragraph>
        {purposes.length === 0 && <Alert type="warning" showIcon title="您的部门没有可用的用途，请联系管理员。" />}
        <Form layout="vertical" requiredMark={false} onFinish={(values: { purpose: string; caseId?: string }) => choosePurpose(values.purpose, asksForCase ? values.caseId : undefined)}>
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
                { required: true, whitespace: true, message: '该用途须填写案件编号' },
                { pattern: CASE_PATTERN, message: '案件编号为 1–64 位字母、数字或 _ - : . 字符' },
              ]}
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
