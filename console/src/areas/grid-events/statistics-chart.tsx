import { Typography } from 'antd';
import { useId } from 'react';
import { countValue, SMALL_COUNT } from '../grid-center/counts';

export interface StatisticsBar {
  key: string;
  name: string;
  reported: string;
  closed: string;
  overdue: string;
}

const ROW = 26;
const LABEL_W = 200;
const BAR_W = 300;
const TEXT_W = 230;
const WIDTH = LABEL_W + BAR_W + TEXT_W;
const COLORS = { reported: '#9ec5fe', closed: '#52c41a', overdue: '#ff4d4f', small: '#8c8c8c' };

const shortName = (name: string) => (name.length > 14 ? `${name.slice(0, 13)}…` : name);

function describe(bar: StatisticsBar): string {
  const small = [bar.reported, bar.closed, bar.overdue].includes(SMALL_COUNT) ? '（“<5”为小数保护，不显示确切数字）' : '';
  return `${bar.name}：上报 ${bar.reported} 件，结案 ${bar.closed} 件，超期 ${bar.overdue} 件${small}`;
}

/**
 * Per grid, street or worker: the events reported as a bar, the closed ones as its green part, the overdue ones
 * as a red tick below — plain SVG as the grid tree's chart (grid-chart.tsx), no chart library. A count the API
 * gives as "<5" is a hatched range from 0 to 5 labelled "<5", never drawn as 0 or 5.
 */
export function StatisticsChart({ bars, title }: { bars: readonly StatisticsBar[]; title: string }) {
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const max = Math.max(5, ...bars.map((b) => countValue(b.reported) ?? 0));
  const scale = (n: number) => (n / max) * BAR_W;
  const height = bars.length * ROW + 34;
  const smallBar = (y: number, h: number, kind: string) => <rect x={LABEL_W} y={y} width={scale(5)} height={h} fill={`url(#${hatch})`} stroke={COLORS.small} strokeDasharray="2 2" data-small={kind} />;
  return (
    <div className="statistics-chart" style={{ overflowX: 'auto' }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}：${bars.map(describe).join('；')}`}
        data-testid="statistics-chart"
        style={{ maxWidth: WIDTH, minWidth: 520, display: 'block' }}
      >
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={COLORS.small} strokeWidth="2" />
          </pattern>
        </defs>
        <g fontSize="12" fill="#595959">
          <rect x={LABEL_W} y={6} width={12} height={12} fill={COLORS.reported} />
          <text x={LABEL_W + 16} y={16}>
            上报
          </text>
          <rect x={LABEL_W + 54} y={6} width={12} height={12} fill={COLORS.closed} />
          <text x={LABEL_W + 70} y={16}>
            其中结案
          </text>
          <rect x={LABEL_W + 132} y={12} width={12} height={4} fill={COLORS.overdue} />
          <text x={LABEL_W + 148} y={16}>
            超期
          </text>
          <rect x={LABEL_W + 186} y={6} width={12} height={12} fill={`url(#${hatch})`} stroke={COLORS.small} strokeDasharray="2 2" />
          <text x={LABEL_W + 202} y={16}>
            “&lt;5”：少于 5 件（小数保护）
          </text>
        </g>
        {bars.map((bar, index) => {
          const y = 30 + index * ROW;
          const reported = countValue(bar.reported);
          const closed = countValue(bar.closed);
          const overdue = countValue(bar.overdue);
          const textX = LABEL_W + Math.max(reported !== undefined ? scale(reported) : 0, bar.reported === SMALL_COUNT ? scale(5) : 0) + 6;
          return (
            <g key={bar.key} data-statistics-key={bar.key} aria-label={describe(bar)}>
              <title>{describe(bar)}</title>
              <rect x={0} y={y - 2} width={WIDTH} height={ROW} fill={index % 2 ? '#fafafa' : '#fff'} />
              <text x={LABEL_W - 8} y={y + 15} fontSize="12" textAnchor="end" fill="#262626">
                {shortName(bar.name)}
              </text>
              {reported !== undefined && <rect x={LABEL_W} y={y + 3} width={Math.max(1, scale(reported))} height={14} fill={COLORS.reported} />}
              {bar.reported === SMALL_COUNT && smallBar(y + 3, 14, 'reported')}
              {closed !== undefined && closed > 0 && <rect x={LABEL_W} y={y + 3} width={scale(closed)} height={14} fill={COLORS.closed} />}
              {bar.closed === SMALL_COUNT && smallBar(y + 3, 14, 'closed')}
              {overdue !== undefined && overdue > 0 && <rect x={LABEL_W} y={y + 18} width={scale(overdue)} height={3} fill={COLORS.overdue} />}
              {bar.overdue === SMALL_COUNT && <rect x={LABEL_W} y={y + 18} width={scale(5)} height={3} fill={`url(#${hatch})`} stroke={COLORS.overdue} strokeDasharray="2 2" data-small="overdue" />}
              <text x={textX} y={y + 15} fontSize="12" fill="#262626">
                {`上报 ${bar.reported} · 结案 ${bar.closed} · 超期 ${bar.overdue}`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
