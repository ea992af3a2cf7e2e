/**
 * Grid events for the conformance suite to look at (issue #10): for every subject, events in the subject's grid
 * naming them, as the loop leaves them — one HANDLED (escalated, light on) and one FOLLOWED_UP for each department
 * an event can be dispatched to, and one RETURNED — each with its history and an attachment, written straight into
 * the grid database. A department sees only what was dispatched to it, so which event a purpose looks at depends on
 * the purpose: `eventFor(subject, purpose)`. Alternating by subject, every field shows a value somewhere.
 */
import { Client } from 'pg';
import type { Purpose } from '@hub/access';
import { databaseNameFor, databaseUrl } from '@hub/db';
import type { Subject } from './subjects';

const DEPARTMENT_OF: Partial<Record<Purpose, string>> = {
  POPULATION_ADMINISTRATION: 'POPULATION',
  HOUSING_ADMINISTRATION: 'HOUSING',
  FLOATING_POPULATION_MANAGEMENT: 'PUBLIC_SECURITY',
};
const DEPARTMENTS = ['POPULATION', 'HOUSING', 'PUBLIC_SECURITY'];
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type Kind = 'HANDLED' | 'FOLLOWED_UP' | 'RETURNED';

export interface PlantedEvents {
  eventFor(subject: Subject, purpose: Purpose): string;
  ids: string[];
}

async function plant(db: Client, subject: Subject, kind: Kind, department: string | null): Promise<string> {
  const hour = 3600 * 1000;
  const reportedAt = new Date(Date.now() - 30 * hour);
  const dispatchedAt = new Date(reportedAt.getTime() + hour);
  const deadline = new Date(dispatchedAt.getTime() + 72 * hour);
  const handledAt = new Date(dispatchedAt.getTime() + 20 * hour);
  const closedAt = new Date(handledAt.getTime() + hour);
  const dispatched = kind !== 'RETURNED';
  const { rows } = await db.query(
    `insert into grid_event (category_code, grid_code, address, dwelling_id, description, person_ids, priority, status, reporter_sub, reporter_name, reported_at,
       accepted_at, return_reason, assigned_department, dispatched_at, sla_hours, deadline, started_at, handled_at, handling_result, closed_at, followed_up_at,
       satisfaction, follow_up_note, escalation_count, escalated_at, escalation_note, version, updated_at)
     values ('0203', $1, '小区5号楼', $2, '外墙瓷砖松动', array[$3]::varchar[], $4, $5, 'conformance-worker', '测试网格员', $6,
       $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 5, now()) returning id`,
    [
      subject.gridCode,
      subject.dwellingId,
      subject.personId,
      kind === 'HANDLED' ? 'URGENT' : 'NORMAL',
      kind,
      reportedAt,
      kind === 'RETURNED' ? null : reportedAt,
      kind === 'RETURNED' ? '不属于网格事项' : null,
      department,
      dispatched ? dispatchedAt : null,
      dispatched ? 72 : null,
      dispatched ? deadline : null,
      dispatched ? dispatchedAt : null,
      dispatched ? handledAt : null,
      dispatched ? '已加固外墙' : null,
      kind === 'FOLLOWED_UP' ? closedAt : null,
      kind === 'FOLLOWED_UP' ? closedAt : null,
      kind === 'FOLLOWED_UP' ? 5 : null,
      kind === 'FOLLOWED_UP' ? '居民满意' : null,
      dispatched ? 1 : 0,
      dispatched ? handledAt : null,
      dispatched ? '请加快处置' : null,
    ],
  );
  const id = String(rows[0].id);
  const steps: Array<[string, string | null, string, string]> =
    kind === 'RETURNED'
      ? [
          ['REPORT', null, 'REPORTED', 'GRID_WORKER'],
          ['RETURN', 'REPORTED', 'RETURNED', 'OFFICER'],
        ]
      : [
          ['REPORT', null, 'REPORTED', 'GRID_WORKER'],
          ['ACCEPT', 'REPORTED', 'ACCEPTED', 'OFFICER'],
          ['DISPATCH', 'ACCEPTED', 'DISPATCHED', 'OFFICER'],
        ];
  for (const [action, from, to, role] of steps) {
    await db.query(
      `insert into grid_event_step (event_id, action, from_status, to_status, actor_sub, actor_name, actor_department, actor_role, at, note, before_state, after_state)
       values ($1, $2, $3, $4, 'conformance-actor', '测试', 'GRID', $5, $6, '说明', $7, $8)`,
      [id, action, from, to, role, reportedAt, from ? JSON.stringify({ status: from }) : null, JSON.stringify({ status: to })],
    );
  }
  await db.query(
    `insert into grid_event_attachment (event_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
     values ($1, 'photo.png', 'image/png', $2, encode(sha256($3), 'hex'), $3, 'conformance-worker', now())`,
    [id, PNG.length, PNG],
  );
  return id;
}

export async function plantGridEvents(subjects: Subject[]): Promise<PlantedEvents> {
  const db = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('grid')) });
  await db.connect();
  const planted = new Map<string, Record<string, string>>();
  const ids: string[] = [];
  try {
    for (const subject of subjects) {
      if (!subject.gridCode) continue;
      const mine: Record<string, string> = {};
      for (const department of DEPARTMENTS) {
        for (const kind of ['HANDLED', 'FOLLOWED_UP'] as const) ids.push((mine[`${department}:${kind}`] = await plant(db, subject, kind, department)));
      }
      ids.push((mine.RETURNED = await plant(db, subject, 'RETURNED', null)));
      planted.set(subject.personId, mine);
    }
    // Event categories: one with an end date (a 专项 campaign), so that validTo shows a value.
    await db.query(
      `insert into event_category (code, name, parent_code, sla_hours_normal, sla_hours_urgent, sla_hours_critical, valid_from, valid_to)
       values ('0205', '冬季燃气安全专项排查', '0200', 48, 24, 4, current_date - 30, current_date + 90) on conflict do nothing`,
    );
  } finally {
    await db.end();
  }
  const KINDS: Kind[] = ['HANDLED', 'FOLLOWED_UP', 'RETURNED'];
  return {
    ids,
    eventFor(subject, purpose) {
      const mine = planted.get(subject.personId);
      if (!mine) return '1';
      const index = [...planted.keys()].indexOf(subject.personId);
      const department = DEPARTMENT_OF[purpose];
      if (department) return mine[`${department}:${index % 2 === 0 ? 'HANDLED' : 'FOLLOWED_UP'}`];
      // The grid center sees every event: each kind in turn; purposes denied all of it look at any.
      const kind = KINDS[index % 3];
      return kind === 'RETURNED' ? mine.RETURNED : mine[`HOUSING:${kind}`];
    },
  };
}
