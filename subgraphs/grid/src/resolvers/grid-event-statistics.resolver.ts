import { ErrorCode, HubError, checkedDate, escapeLike, reportedCount, scopedPrefix, SMALL_COUNT_THRESHOLD } from '@hub/access';
import { sqlRows } from '@hub/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { GridEventStatistics } from '../entities/grid-event.type';
import { EVENT_CENTER } from '../policy';
import type { GridContext } from './context';

export const STATISTICS_GROUPS = ['GRID', 'STREET', 'WORKER'] as const;
type StatisticsGroup = (typeof STATISTICS_GROUPS)[number];

const GROUP_KEY: Record<StatisticsGroup, string> = { GRID: 'e.grid_code', STREET: 'substr(e.grid_code, 1, 9)', WORKER: 'e.reporter_sub' };
const GROUP_NAME: Record<StatisticsGroup, string> = {
  GRID: '(select g.name from grid g where g.code = e.grid_code)',
  STREET: '(select r.name from region r where r.code = substr(e.grid_code, 1, 9))',
  WORKER: 'e.reporter_name',
};

interface Row {
  key: string;
  name: string | null;
  reported: string;
  closed: string;
  on_time: string;
  overdue: string;
  mean_hours: string | null;
  mean_satisfaction: string | null;
  followed_up: string;
}

/** The first instant of a China day, for comparing timestamps with a date range written in China's dates. */
function chinaMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

@Resolver(() => GridEventStatistics)
export class GridEventStatisticsResolver {
  @Query(() => [GridEventStatistics], {
    description:
      '考核 figures of the events reported in the region (default the jurisdiction) from `from` to `to` (YYYY-MM-DD inclusive, China dates; default all), per GRID, STREET or WORKER (WORKER: grid center only). Counts below 5 read "<5" unless the purpose may list every event',
  })
  async gridEventStatistics(
    @Ctx() { em, identity }: GridContext,
    @Arg('groupBy', () => String, { description: STATISTICS_GROUPS.join(' | ') }) groupBy: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string,
    @Arg('from', () => String, { nullable: true }) from?: string,
    @Arg('to', () => String, { nullable: true }) to?: string,
  ): Promise<GridEventStatistics[]> {
    if (!(STATISTICS_GROUPS as readonly string[]).includes(groupBy))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `groupBy must be one of ${STATISTICS_GROUPS.join(', ')}; got "${groupBy.slice(0, 20)}"`);
    const group = groupBy as StatisticsGroup;
    if (group === 'WORKER' && identity.dept !== 'GRID') throw new HubError(ErrorCode.FORBIDDEN, "Figures per worker (考核) are the grid center's own");
    const prefix = scopedPrefix(identity.jurisdiction, regionCode);
    const start = from ? chinaMidnight(checkedDate(from, 'from')) : new Date(0);
    const end = to ? new Date(chinaMidnight(checkedDate(to, 'to')).getTime() + 24 * 3600 * 1000) : new Date(8.64e15);
    if (end <= start) throw new HubError(ErrorCode.BAD_USER_INPUT, 'to must not be before from');
    const rows = await sqlRows<Row>(
      em,
      `select ${GROUP_KEY[group]} as key, max(${GROUP_NAME[group]}) as name,
              count(*) as reported,
              count(*) filter (where e.status in ('CLOSED', 'FOLLOWED_UP')) as closed,
              count(*) filter (where e.deadline is not null and e.handled_at is not null and e.handled_at <= e.deadline and e.status in ('HANDLED', 'CLOSED', 'FOLLOWED_UP')) as on_time,
              count(*) filter (where e.deadline is not null and coalesce(e.handled_at, case when e.status in ('DISPATCHED', 'IN_PROGRESS') then now() end) > e.deadline) as overdue,
              avg(extract(epoch from e.closed_at - e.reported_at) / 3600) filter (where e.closed_at is not null) as mean_hours,
              avg(e.satisfaction) as mean_satisfaction,
              count(e.satisfaction) as followed_up
         from grid_event e
        where e.grid_code like ? and e.reported_at >= ? and e.reported_at < ?
        group by 1 order by 1`,
      [`${escapeLike(prefix)}%`, start, end],
    );
    const count = (value: string | number) => reportedCount(Number(value), identity.purpose, [EVENT_CENTER]);
    const exactSmall = count(0) === '0';
    const mean = (value: string | null, basis: string) => (value === null || (!exactSmall && Number(basis) < SMALL_COUNT_THRESHOLD) ? null : Math.round(Number(value) * 1000) / 1000);
    return rows.map((row) => ({
      key: row.key,
      name: row.name,
      reported: count(row.reported),
      closed: count(row.closed),
      onTime: count(row.on_time),
      overdue: count(row.overdue),
      meanHoursToClose: mean(row.mean_hours, row.closed),
      meanSatisfaction: mean(row.mean_satisfaction, row.followed_up),
    }));
  }
}
