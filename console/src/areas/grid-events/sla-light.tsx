import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../format/dates';
import { statusLabel, STATUS_COLORS } from './labels';

/** Each light says what it means in words and with its own icon, so no one has to tell green from red. */
const LIGHTS: Record<string, { text: string; color: string; icon: React.ReactNode; explain: string }> = {
  GREEN: { text: '正常', color: 'success', icon: <CheckCircleOutlined />, explain: '处置时限已用不足 80%' },
  YELLOW: { text: '临期', color: 'warning', icon: <ClockCircleOutlined />, explain: '处置时限已用 80% 以上，即将超期' },
  RED: { text: '超期', color: 'error', icon: <ExclamationCircleOutlined />, explain: '已超过处置时限' },
};

/** The SLA light (绿/黄/红灯) of an event the department works on; nothing before dispatch and once closed. */
export function SlaLight({ light, deadline }: { light: string | null | undefined; deadline?: string | null }) {
  if (!light) return <span className="no-data">—</span>;
  const shown = LIGHTS[light] ?? { text: light, color: 'default', icon: null, explain: '' };
  return (
    <Tooltip title={`${shown.explain}${deadline ? `；办结时限 ${formatDateTime(deadline)}` : ''}`}>
      <Tag color={shown.color} icon={shown.icon} data-sla-light={light} aria-label={`时限状态：${shown.text}`}>
        {shown.text}
      </Tag>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {statusLabel(status)}
    </Tag>
  );
}
