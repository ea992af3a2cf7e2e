import { Tooltip } from 'antd';

/** What the API returns for a count below 5 that the purpose may not see exactly (statistical disclosure control). */
export const SMALL_COUNT = '<5';

export const SMALL_COUNT_EXPLANATION = '小数保护：不足 5 人的统计数显示为“<5”，不给出确切数字，以免据此识别到具体个人。只有按访问策略可以查看这些人记录的用途才会得到确切数字。';

/** A summary count as the API gave it: digits, or "<5" kept as such (never shown as 0 or 5) with why. */
export function SummaryCount({ value, unit = '' }: { value: string; unit?: string }) {
  if (value === SMALL_COUNT) {
    return (
      <Tooltip title={SMALL_COUNT_EXPLANATION} trigger={['hover', 'focus']}>
        <span className="small-count" data-small-count="true" tabIndex={0} aria-label={`少于 5${unit}（小数保护）`}>
          {SMALL_COUNT}
          {unit}
        </span>
      </Tooltip>
    );
  }
  return (
    <span>
      {value}
      {unit}
    </span>
  );
}

/** The number behind a count for drawing; "<5" has none (drawn as a range, never as 0 or 5). */
export function countValue(value: string | null | undefined): number | undefined {
  return value !== null && value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
