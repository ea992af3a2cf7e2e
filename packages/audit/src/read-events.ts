import type { SqlExecutor } from './append';

export interface AccessLogEntry {
  at: string;
  requestId: string;
  userId: string;
  /** The caller's name; null on rows written before names were recorded. */
  userName: string | null;
  department: string;
  role: string;
  purpose: string;
  caseId: string | null;
  subject: string | null;
  fieldClasses: string[];
  outcome: string;
}

/** The newest `first` events about one person in this database's access log. */
export async function readAccessEvents(executor: SqlExecutor, subjectPersonId: string, first: number): Promise<AccessLogEntry[]> {
  const { rows } = (await executor.getKnex().raw(
    `select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, request_id, user_sub, user_name, department, role, purpose, case_id,
            subject_person_id, field_classes, outcome
       from access_log where subject_person_id = ? order by id desc limit ?`,
    [subjectPersonId, first],
  )) as { rows: Array<Record<string, any>> };
  return rows.map((row) => ({
    at: row.at,
    requestId: row.request_id,
    userId: row.user_sub,
    userName: row.user_name,
    department: row.department,
    role: row.role,
    purpose: row.purpose,
    caseId: row.case_id,
    subject: row.subject_person_id,
    fieldClasses: row.field_classes,
    outcome: row.outcome,
  }));
}
