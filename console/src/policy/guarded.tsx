import { LockOutlined, EyeInvisibleOutlined, AimOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { explainError, fieldRefusalLabel } from '../api/errors';
import type { FieldErrors, Path } from './field-errors';

/**
 * A value as the policy lets it show. Masked values (the API hides their middle with *, and a birth date next
 * to a masked ID number is its year only) keep a small mark saying so; a field the answer nulled with an error is
 * shown as what the error means — "无权限", "不在辖区", "房屋暂不可用" — never as an empty cell that reads like "no data".
 */
export function Guarded({ value, errors, path, render, masked }: { value: unknown; errors: FieldErrors; path: Path; render?: (value: never) => ReactNode; masked?: boolean }) {
  const error = value === null || value === undefined ? errors.at(path) : undefined;
  if (error) {
    const code = error.extensions?.code;
    const icon = code === 'FORBIDDEN' ? <LockOutlined /> : code === 'OUT_OF_JURISDICTION' ? <AimOutlined /> : <DisconnectOutlined />;
    return (
      <Tooltip title={explainError(error)}>
        <Tag icon={icon} color={code === 'FORBIDDEN' ? 'default' : code === 'OUT_OF_JURISDICTION' ? 'orange' : 'red'} className="refused" data-refusal={code}>
          {fieldRefusalLabel(error)}
        </Tag>
      </Tooltip>
    );
  }
  if (value === null || value === undefined || value === '') return <span className="no-data">—</span>;
  const shown = render ? render(value as never) : String(value);
  const isMasked = masked ?? (typeof value === 'string' && value.includes('*'));
  if (!isMasked) return <>{shown}</>;
  return (
    <Tooltip title="按访问策略脱敏显示：中间部分已隐藏">
      <span className="masked" data-masked="true">
        {shown} <EyeInvisibleOutlined aria-label="已脱敏" />
      </span>
    </Tooltip>
  );
}
