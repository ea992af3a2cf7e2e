import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Rate, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { RequestRefused } from '../../api/graphql';
import { useHubRequest } from '../../api/use-query';
import { formatDateTime } from '../../format/dates';
import { departmentLabel } from '../../format/labels';
import { useSession } from '../../session/session';
import { chinesePart, refusalText } from '../civil-affairs/labels';
import { DISPATCH_DEPARTMENTS, expectedDeadline, hoursLabel, SATISFACTION_LABELS } from './labels';
import {
  AcceptGridEventMutation,
  CloseGridEventMutation,
  DispatchGridEventMutation,
  EscalateGridEventMutation,
  FollowUpGridEventMutation,
  HandleGridEventMutation,
  RejectGridEventHandlingMutation,
  ReturnGridEventMutation,
  StartGridEventMutation,
} from './queries';
import type { Category } from './use-categories';

/** What an action needs to know about the event (a list row or the event's page). */
export interface ActionableEvent {
  id: string;
  status: string;
  version: number;
  category: string;
  priority?: string | null;
  assignedDepartment?: string | null;
  /** The reporter's token subject: only the grid center reads it (回访 by the reporter). */
  reporterId?: string | null;
}

type Step = 'accept' | 'return' | 'dispatch' | 'start' | 'handle' | 'close' | 'reject' | 'escalate' | 'followUp';

interface StepSpec {
  label: string;
  /** Who may, as the API checks it (ADR 0012); the console offers only what would be allowed. */
  allowed: (event: ActionableEvent, user: { dept: string; role: string; sub: string }) => boolean;
  /** Asks for more in a dialog (reason, department, result, satisfaction) or runs on a click. */
  dialog: boolean;
  danger?: boolean;
}

const isGrid = (user: { dept: string }) => user.dept === 'GRID';
const gridOfficer = (user: { dept: string; role: string }) => isGrid(user) && user.role === 'OFFICER';

const STEPS: Record<Step, StepSpec> = {
  accept: { label: '受理', dialog: false, allowed: (e, u) => e.status === 'REPORTED' && gridOfficer(u) },
  return: { label: '退回', dialog: true, danger: true, allowed: (e, u) => e.status === 'REPORTED' && gridOfficer(u) },
  dispatch: { label: '分拨', dialog: true, allowed: (e, u) => e.status === 'ACCEPTED' && gridOfficer(u) },
  start: { label: '开始处置', dialog: false, allowed: (e, u) => e.status === 'DISPATCHED' && e.assignedDepartment === u.dept && ['OFFICER', 'SUPERVISOR'].includes(u.role) },
  handle: { label: '处置完毕', dialog: true, allowed: (e, u) => e.status === 'IN_PROGRESS' && e.assignedDepartment === u.dept },
  close: { label: '结案', dialog: true, allowed: (e, u) => e.status === 'HANDLED' && gridOfficer(u) },
  reject: { label: '退回重办', dialog: true, danger: true, allowed: (e, u) => e.status === 'HANDLED' && gridOfficer(u) },
  escalate: { label: '督办', dialog: true, danger: true, allowed: (e, u) => ['DISPATCHED', 'IN_PROGRESS'].includes(e.status) && isGrid(u) && u.role === 'SUPERVISOR' },
  followUp: { label: '回访', dialog: true, allowed: (e, u) => e.status === 'CLOSED' && isGrid(u) && (u.role === 'OFFICER' || (!!e.reporterId && e.reporterId === u.sub)) },
};

interface StepValues {
  reason?: string;
  note?: string;
  department?: string;
  result?: string;
  satisfaction?: number;
}

const PRIORITY_HOURS = { NORMAL: 'slaHoursNormal', URGENT: 'slaHoursUrgent', CRITICAL: 'slaHoursCritical' } as const;

/** The SLA hours the category gives at the event's priority (the same table the API fixes the deadline from). */
export function slaHoursOf(category: Category | undefined, priority: string | null | undefined): number | undefined {
  if (!category) return undefined;
  return category[PRIORITY_HOURS[(priority ?? 'NORMAL') as keyof typeof PRIORITY_HOURS] ?? 'slaHoursNormal'];
}

/** A transition's refusal in words; a stale version is said plainly and offers to reload. */
function refusalOf(error: RequestRefused): { text: string; conflict: boolean } {
  if (error.code === 'CONFLICT') {
    const stale = error.error.message.startsWith('事件已被他人更新');
    return {
      conflict: true,
      text: stale ? '事件已被他人更新：您看到的不是最新状态，请重新加载后再决定。' : `${chinesePart(error.error.message)}：事件状态已变化，请重新加载。`,
    };
  }
  return { conflict: false, text: refusalText(error.error, error.requestId) };
}

/**
 * The steps the signed-in user may take on an event in its status, as buttons; the ones that need more (a
 * reason, a department, what was done, a satisfaction) ask in a dialog. Every step names the version it saw.
 */
export function EventActions({ event, categories, onChanged, compact = false }: { event: ActionableEvent; categories: ReadonlyMap<string, Category>; onChanged: () => void; compact?: boolean }) {
  const { session } = useSession();
  const request = useHubRequest();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Step>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; conflict: boolean }>();
  const [form] = Form.useForm<StepValues>();
  const user = session?.info.user;
  if (!user) return null;
  const steps = (Object.keys(STEPS) as Step[]).filter((step) => STEPS[step].allowed(event, user));
  const category = categories.get(event.category);
  const hours = slaHoursOf(category, event.priority);

  async function run(step: Step, values: StepValues) {
    const base = { id: event.id, expectedVersion: event.version };
    const call = <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) => request(document, variables);
    switch (step) {
      case 'accept':
        return call(AcceptGridEventMutation, { ...base, note: null });
      case 'return':
        return call(ReturnGridEventMutation, { ...base, reason: values.reason!.trim() });
      case 'dispatch':
        return call(DispatchGridEventMutation, { ...base, department: values.department!, note: values.note?.trim() || null });
      case 'start':
        return call(StartGridEventMutation, base);
      case 'handle':
        return call(HandleGridEventMutation, { ...base, result: values.result!.trim() });
      case 'close':
        return call(CloseGridEventMutation, { ...base, note: values.note?.trim() || null });
      case 'reject':
        return call(RejectGridEventHandlingMutation, { ...base, reason: values.reason!.trim() });
      case 'escalate':
        return call(EscalateGridEventMutation, { ...base, note: values.note?.trim() || null });
      case 'followUp':
        return call(FollowUpGridEventMutation, { ...base, satisfaction: values.satisfaction!, note: values.note?.trim() || null });
    }
  }

  async function submit(step: Step, values: StepValues) {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await run(step, values);
      if (result?.errors.length) {
        setProblem({ text: refusalText(result.errors[0], result.requestId), conflict: false });
        return;
      }
      message.success(`已${STEPS[step].label}`);
      setOpen(undefined);
      form.resetFields();
      onChanged();
    } catch (error) {
      setProblem(error instanceof RequestRefused ? refusalOf(error) : { text: String(error), conflict: false });
    } finally {
      setBusy(false);
    }
  }

  /** The dialog's confirm: the fields checked (their messages shown in the dialog), then the step sent. */
  async function confirm() {
    if (!open) return;
    let values: StepValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await submit(open, values);
  }

  function start(step: Step) {
    setProblem(undefined);
    if (!STEPS[step].dialog) {
      void submit(step, {});
      return;
    }
    form.resetFields();
    if (step === 'dispatch' && category?.defaultDepartment && (DISPATCH_DEPARTMENTS as readonly string[]).includes(category.defaultDepartment)) {
      form.setFieldsValue({ department: category.defaultDepartment });
    }
    setOpen(step);
  }

  const problemAlert = problem && (
    <Alert
      type={problem.conflict ? 'warning' : 'error'}
      showIcon
      role="alert"
      data-testid="transition-problem"
      style={{ marginTop: 8, maxWidth: 420 }}
      title={problem.text}
      action={
        problem.conflict ? (
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={() => {
              setProblem(undefined);
              setOpen(undefined);
              onChanged();
            }}
          >
            重新加载
          </Button>
        ) : undefined
      }
    />
  );

  if (steps.length === 0) return compact ? <span className="no-data">—</span> : null;
  const deadline = hours !== undefined ? expectedDeadline(Date.now(), hours) : undefined;
  return (
    <div data-testid={`actions-${event.id}`}>
      <Space wrap size={4}>
        {steps.map((step) => (
          <Button key={step} size={compact ? 'small' : 'middle'} type={STEPS[step].danger ? 'default' : 'primary'} danger={STEPS[step].danger} loading={busy && !open} onClick={() => start(step)}>
            {STEPS[step].label}
          </Button>
        ))}
      </Space>
      {!open && problemAlert}
      <Modal
        open={!!open}
        title={open ? `${STEPS[open].label}：${category?.name ?? event.category}` : ''}
        okText={open ? `确认${STEPS[open].label}` : '确认'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => {
          setOpen(undefined);
          setProblem(undefined);
        }}
        // The form stays mounted (and connected to its instance) between dialogs: one destroyed by the closing
        // animation of the last dialog while the next opens would leave the confirm button submitting nothing.
        forceRender
      >
        <Form<StepValues> form={form} layout="vertical" requiredMark={false}>
          {(open === 'return' || open === 'reject') && (
            <Form.Item name="reason" label={open === 'return' ? '退回理由' : '退回重办理由'} rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
              <Input.TextArea aria-label="理由" rows={3} maxLength={500} showCount />
            </Form.Item>
          )}
          {open === 'dispatch' && (
            <>
              <Form.Item
                name="department"
                label="承办部门"
                rules={[{ required: true, message: '请选择承办部门' }]}
                extra={category?.defaultDepartment ? `该类别通常由${departmentLabel(category.defaultDepartment)}部门承办` : undefined}
              >
                <Select aria-label="承办部门" options={DISPATCH_DEPARTMENTS.map((d) => ({ value: d, label: departmentLabel(d) }))} placeholder="选择部门" />
              </Form.Item>
              <Typography.Paragraph data-testid="expected-deadline">
                处置时限 {hoursLabel(hours)}；现在分拨，办结时限为 <Typography.Text strong>{deadline ? formatDateTime(deadline.toISOString()) : '—'}</Typography.Text>（按整天计的时限截至当日
                23:59:59，北京时间）。
              </Typography.Paragraph>
            </>
          )}
          {open === 'handle' && (
            <Form.Item name="result" label="处置结果（做了什么）" rules={[{ required: true, whitespace: true, message: '请填写处置结果' }]}>
              <Input.TextArea aria-label="处置结果" rows={3} maxLength={2000} showCount />
            </Form.Item>
          )}
          {open === 'followUp' && (
            <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度（1–5 星）' }]}>
              <Rate aria-label="满意度" tooltips={[1, 2, 3, 4, 5].map((n) => `${n} 星：${SATISFACTION_LABELS[n]}`)} />
            </Form.Item>
          )}
          {(open === 'dispatch' || open === 'close' || open === 'escalate' || open === 'followUp') && (
            <Form.Item
              name="note"
              label={open === 'escalate' ? '督办意见' : open === 'followUp' ? '回访记录' : '备注'}
              rules={open === 'escalate' ? [{ required: true, whitespace: true, message: '请填写督办意见' }] : []}
            >
              <Input.TextArea aria-label={open === 'escalate' ? '督办意见' : open === 'followUp' ? '回访记录' : '备注'} rows={2} maxLength={500} showCount />
            </Form.Item>
          )}
          {open === 'close' && <Typography.Paragraph type="secondary">确认承办部门的处置结果后结案；如未处置到位，请选择“退回重办”。</Typography.Paragraph>}
        </Form>
        {open && problemAlert}
      </Modal>
    </div>
  );
}
