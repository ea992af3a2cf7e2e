import { Segmented, Space, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { countValue, SMALL_COUNT } from './counts';

export interface GridBar {
  code: string;
  name: string;
  /** Digits, "<5", or null when the purpose may not see it. */
  residentCount: string | null | undefined;
  floatingCount: string | null | undefined;
}

type Order = 'code' | 'residents' | 'share';

const ROW = 26;
const LABEL_W = 226;
const BAR_W = 300;
const TEXT_W = 200;
const WIDTH = LABEL_W + BAR_W + TEXT_W;
const COLORS = { residents: '#9ec5fe', floating: '#fa8c16', outline: '#1677ff', small: '#8c8c8c' };

function share(bar: GridBar): number | undefined {
  const r = countValue(bar.residentCount);
  const f = countValue(bar.floatingCount);
  return r !== undefined && f !== undefined && r > 0 ? f / r : undefined;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const shortName = (name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name);

/** The words a row says, also its tooltip and its accessible name. */
function describe(bar: GridBar): string {
  const residents = bar.residentCount ?? '无权限';
  const floating = bar.floatingCount ?? '无权限';
  const s = share(bar);
  const sizeNote = bar.residentCount === SMALL_COUNT || bar.floatingCount === SMALL_COUNT ? '（“<5”为小数保护，不显示确切数字）' : '';
  return `${bar.name}（${bar.code}）：实有人口 ${residents} 人，其中流动人口 ${floating} 人${s !== undefined ? `，占 ${percent(s)}` : ''}${sizeNote}`;
}

/**
 * Per grid, the living residents (实有人口) as a bar with the floating residents (流动人口) as its orange part,
 * and the floating share in words: plain SVG, no chart library. A count the API gives as "<5" is drawn as a
 * hatched range from 0 to 5 and labelled "<5" — never as 0 or as 5. Each row opens its grid.
 */
export function GridChart({ bars, title }: { bars: readonly GridBar[]; title: string }) {
  const navigate = useNavigate();
  const [order, setOrder] = useState<Order>('code');
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const sorted = useMemo(() => {
    const copy = [...bars];
    if (order === 'residents') copy.sort((a, b) => (countValue(b.residentCount) ?? -1) - (countValue(a.residentCount) ?? -1) || a.code.localeCompare(b.code));
    else if (order === 'share') copy.sort((a, b) => (share(b) ?? -1) - (share(a) ?? -1) || a.code.localeCompare(b.code));
    else copy.sort((a, b) => a.code.localeCompare(b.code));
    return copy;
  }, [bars, order]);
  const max = Math.max(5, ...bars.map((b) => countValue(b.residentCount) ?? 0));
  const scale = (n: number) => (n / max) * BAR_W;
  const height = sorted.length * ROW + 34;

  return (
    <div className="grid-chart">
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <Segmented
          size="small"
          value={order}
          onChange={(v) => setOrder(v as Order)}
          options={[
            { value: 'code', label: '按网格代码' },
            { value: 'residents', label: '按实有人口' },
            { value: 'share', label: '按流动人口占比' },
          ]}
          aria-label="排序"
        />
      </Space>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}：${sorted.map(describe).join('；')}`}
        data-testid="grid-chart"
        style={{ maxWidth: WIDTH, display: 'block' }}
      >
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={COLORS.small} strokeWidth="2" />
          </pattern>
        </defs>
        {/* legend */}
        <g fontSize="12" fill="#595959">
          <rect x={LABEL_W} y={6} width={12} height={12} fill={COLORS.residents} />
          <text x={LABEL_W + 16} y={16}>
            实有人口
          </text>
          <rect x={LABEL_W + 82} y={6} width={12} height={12} fill={COLORS.floating} />
          <text x={LABEL_W + 98} y={16}>
            其中流动人口
          </text>
          <rect x={LABEL_W + 190} y={6} width={12} height={12} fill={`url(#${hatch})`} stroke={COLORS.small} strokeDasharray="2 2" />
          <text x={LABEL_W + 206} y={16}>
            “&lt;5”：少于 5 人（小数保护）
          </text>
        </g>
        {sorted.map((bar, index) => {
          const y = 30 + index * ROW;
          const residents = countValue(bar.residentCount);
          const floating = countValue(bar.floatingCount);
          const s = share(bar);
          const text =
            bar.residentCount === null || bar.residentCount === undefined
              ? '无权限'
              : `${residents !== undefined ? residents.toLocaleString('zh-CN') : SMALL_COUNT} 人 · 流动 ${floating !== undefined ? floating.toLocaleString('zh-CN') : (bar.floatingCount ?? '无权限')}${s !== undefined ? `（${percent(s)}）` : ''}`;
          return (
            <a
              key={bar.code}
              href={`/grid/${bar.code}`}
              aria-label={describe(bar)}
              data-grid-code={bar.code}
              onClick={(event) => {
                event.preventDefault();
                navigate(`/grid/${bar.code}`);
              }}
              className="grid-chart-row"
            >
              <title>{describe(bar)}</title>
              <rect x={0} y={y - 2} width={WIDTH} height={ROW} fill={index % 2 ? '#fafafa' : '#fff'} />
              <text x={LABEL_W - 8} y={y + 15} fontSize="12" textAnchor="end" fill="#1677ff">
                {shortName(bar.name)}
              </text>
              {residents !== undefined && <rect x={LABEL_W} y={y + 3} width={Math.max(1, scale(residents))} height={16} fill={COLORS.residents} />}
              {bar.residentCount === SMALL_COUNT && (
                <rect x={LABEL_W} y={y + 3} width={scale(5)} height={16} fill={`url(#${hatch})`} stroke={COLORS.small} strokeDasharray="2 2" data-small="residents" />
              )}
              {floating !== undefined && floating > 0 && <rect x={LABEL_W} y={y + 3} width={Math.max(1, scale(floating))} height={16} fill={COLORS.floating} />}
              {bar.floatingCount === SMALL_COUNT && (
                <rect x={LABEL_W} y={y + 3} width={scale(5)} height={16} fill={`url(#${hatch})`} stroke={COLORS.small} strokeDasharray="2 2" data-small="floating" />
              )}
              <text
                x={LABEL_W + Math.max(residents !== undefined ? scale(residents) : 0, bar.residentCount === SMALL_COUNT || bar.floatingCount === SMALL_COUNT ? scale(5) : 0) + 6}
                y={y + 15}
                fontSize="12"
                fill="#262626"
              >
                {text}
              </text>
            </a>
          );
        })}
      </svg>
    </div>
  );
}
