import { Client } from 'pg';
import { GENESIS_HASH, verifyRows, type ChainVerdict, type StoredAccessEvent } from './chain';

const BATCH = 10_000;

/** Verifies the whole chain of one database's access_log, reading it in id order in batches. */
export async function verifyAccessLog(databaseUrl: string): Promise<ChainVerdict> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const state = { previous: GENESIS_HASH, rows: 0 };
    let lastId = '0';
    for (;;) {
      const { rows } = await client.query<StoredAccessEvent>(
        `select id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, request_id, user_sub, department, role, purpose,
                case_id, subject_person_id, field_classes, outcome, prev_hash, hash
           from access_log where id > $1 order by access_log.id limit ${BATCH}`,
        [lastId],
      );
      if (rows.length === 0) return { rows: state.rows, ok: true };
      const verdict = verifyRows(rows, state);
      if (!verdict.ok) return verdict;
      lastId = rows[rows.length - 1].id;
    }
  } finally {
    await client.end();
  }
}
