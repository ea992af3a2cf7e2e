/**
 * The append-only step history (grid_event_step) of the seeded events, derived in the grid database from the
 * events' step timestamps right after their COPY, inside the load's transaction. COPY cannot name the events'
 * ids (an identity the database assigns), so the history is one INSERT … SELECT over the loaded rows: one step
 * per timestamp, in time order, with the actor, note and before/after state the grid subgraph writes
 * (subgraphs/grid/src/events/write.ts `snapshot`): version n after the n-th step, the previous step's state as
 * `before_state`, none before 上报.
 *
 * Actors, as the development sign-in names them (gateway/src/token.ts: `dev-<dept>-<jurisdiction>`): the
 * reporter for 上报; the street's grid center (GRID / OFFICER at the 9-digit street code) for 受理, 退回, 分拨,
 * 结案 and 回访; the department's district office (OFFICER at 120112) for 处置; the district grid center's
 * SUPERVISOR for 督办.
 */
import { DISTRICT } from '@hub/domain';

/** The priority before a 督办 raised it one level (the seed never escalates a CRITICAL event). */
const PRIORITY_BEFORE_ESCALATION = `case when e.escalation_count = 0 then e.priority when e.priority = 'CRITICAL' then 'URGENT' else 'NORMAL' end`;

/** A timestamp as the subgraph's JSON has it (Date.toISOString). */
const jsonTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The steps of the events with an id above $1 (the events copied since the last run): the loader runs it after
 * each COPY of grid_event, so that the history is written while the other departments are still loading.
 */
export const EVENT_HISTORY_SQL = `
insert into grid_event_step (event_id, action, from_status, to_status, actor_sub, actor_name, actor_department, actor_role, at, note, before_state, after_state)
select event_id, action, from_status, to_status, actor_sub, actor_name, actor_department, actor_role, at, note,
       lag(after_state) over (partition by event_id order by at, ord),
       after_state
  from (
    select s.event_id, s.ord, s.action, s.from_status, s.to_status, s.actor_sub, s.actor_name, s.actor_department, s.actor_role, s.at, s.note,
           jsonb_build_object(
             'status', s.to_status,
             'priority', case when s.at >= s.escalated_at then s.priority else s.priority_before end,
             'categoryCode', s.category_code,
             'gridCode', s.grid_code,
             'assignedDepartment', case when s.at >= s.dispatched_at then s.assigned_department end,
             'deadline', case when s.at >= s.dispatched_at then s.deadline_json end,
             'slaHours', case when s.at >= s.dispatched_at then s.sla_hours::float8 end,
             'returnReason', case when s.action = 'RETURN' then s.return_reason end,
             'handlingResult', case when s.at >= s.handled_at then s.handling_result end,
             'satisfaction', case when s.at >= s.followed_up_at then s.satisfaction end,
             'escalationCount', case when s.at >= s.escalated_at then s.escalation_count else 0 end,
             'version', row_number() over (partition by s.event_id order by s.at, s.ord)
           ) as after_state
      from (
        select e.id as event_id, e.priority, ${PRIORITY_BEFORE_ESCALATION} as priority_before, e.category_code, e.grid_code, e.assigned_department,
               e.dispatched_at, ${jsonTime('e.deadline')} as deadline_json, e.sla_hours, e.return_reason, e.handled_at, e.handling_result, e.followed_up_at, e.satisfaction,
               e.escalated_at, e.escalation_count, step.*
          from grid_event e
          -- One hash join for the street's name (a correlated look-up per step cost seconds at 690k residents).
          left join region street on street.code = substr(e.grid_code, 1, 9)
          cross join lateral (
            select 'dev-grid-' || substr(e.grid_code, 1, 9) as center_sub,
                   coalesce(street.name, '街道') || '网格中心' as center_name,
                   'dev-' || lower(replace(e.assigned_department, '_', '-')) || '-${DISTRICT.code}' as department_sub
            offset 0
          ) who
          cross join lateral (values
            (1, 'REPORT', e.reported_at, null, 'REPORTED', e.reporter_sub, e.reporter_name, 'GRID', 'GRID_WORKER', null),
            (2, 'ACCEPT', e.accepted_at, 'REPORTED', 'ACCEPTED', who.center_sub, who.center_name, 'GRID', 'OFFICER', null),
            (2, 'RETURN', case when e.status = 'RETURNED' then e.updated_at end, 'REPORTED', 'RETURNED', who.center_sub, who.center_name, 'GRID', 'OFFICER', e.return_reason),
            (3, 'DISPATCH', e.dispatched_at, 'ACCEPTED', 'DISPATCHED', who.center_sub, who.center_name, 'GRID', 'OFFICER', null),
            (4, 'START', e.started_at, 'DISPATCHED', 'IN_PROGRESS', who.department_sub, '处置人员', e.assigned_department, 'OFFICER', null),
            (5, 'ESCALATE', e.escalated_at, case when e.started_at <= e.escalated_at then 'IN_PROGRESS' else 'DISPATCHED' end,
                case when e.started_at <= e.escalated_at then 'IN_PROGRESS' else 'DISPATCHED' end,
                'dev-grid-${DISTRICT.code}', '区网格中心督办', 'GRID', 'SUPERVISOR', e.escalation_note),
            (6, 'HANDLE', e.handled_at, 'IN_PROGRESS', 'HANDLED', who.department_sub, '处置人员', e.assigned_department, 'OFFICER', e.handling_result),
            (7, 'CLOSE', e.closed_at, 'HANDLED', 'CLOSED', who.center_sub, who.center_name, 'GRID', 'OFFICER', null),
            (8, 'FOLLOW_UP', e.followed_up_at, 'CLOSED', 'FOLLOWED_UP', who.center_sub, who.center_name, 'GRID', 'OFFICER', e.follow_up_note)
          ) as step(ord, action, at, from_status, to_status, actor_sub, actor_name, actor_department, actor_role, note)
         where step.at is not null and e.id > $1
      ) s
  ) steps`;
