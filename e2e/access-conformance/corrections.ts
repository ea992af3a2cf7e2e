import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { databaseNameFor, databaseUrl } from '@hub/db';
import type { Subject } from './subjects';

/** The departments a correction request can be addressed to whose purposes may read their queue (grid.corrections). */
const TARGETS = [
  { department: 'POPULATION', recordType: 'Person' },
  { department: 'HOUSING', recordType: 'Tenancy' },
  { department: 'PUBLIC_SECURITY', recordType: 'FloatingRegistration' },
] as const;

/**
 * One answered correction request per answering department about the subject, with its two steps and a visit's date
 * and proposal (as a grid worker's report carries them), so that every CorrectionRequest cell has a value to observe in
 * every queue. Their discrepancy keys name no real discrepancy (the
 * seeded district's reports, which other tests count, are untouched); the rows stay (the history is append-only).
 * Returns the request addressed to each department.
 */
export async function plantCorrectionRequests(subject: Subject): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl(process.env.DATABASE_URL!, databaseNameFor('grid')) });
  await client.connect();
  const ids: Record<string, string> = {};
  try {
    for (const { department, recordType } of TARGETS) {
      const id = `CR${String(Date.now())}${String(randomInt(1e8)).padStart(8, '0')}`.padEnd(23, '0');
      const raised = { status: 'RAISED', targetDepartment: department, version: 1 };
      const accepted = { ...raised, status: 'ACCEPTED', answer: '已更正', resolvedBy: 'conformance', version: 2 };
      await client.query(
        `insert into correction_request (id, discrepancy_key, kind, grid_code, person_id, records, target_department, record_type, record_id, proposed_correction, status, answer,
                                         raised_by, raised_at, resolved_by, resolved_at, version, visited_on, proposal)
         values ($1, $2, 'FLOATING_REGISTERED_ELSEWHERE', $3, $4, $5, $6, $7, 'conformance', '核对登记', 'ACCEPTED', '已更正', 'conformance', now(), 'conformance', now(), 2,
                 current_date, '{"conformance": true}')`,
        [id, `CONFORMANCE|${id}`, subject.gridCode, subject.personId, JSON.stringify([{ department, recordType, recordId: 'conformance' }]), department, recordType],
      );
      await client.query(
        `insert into correction_request_history (request_id, version, action, actor, actor_department, at, before, after)
         values ($1, 1, 'RAISED', 'conformance', 'GRID', now(), null, $2), ($1, 2, 'ACCEPTED', 'conformance', $3, now(), $2, $4)`,
        [id, JSON.stringify(raised), department, JSON.stringify(accepted)],
      );
      ids[department] = id;
    }
  } finally {
    await client.end();
  }
  return ids;
}
