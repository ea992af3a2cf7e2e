/**
 * The access log anchored outside the database (issue #13 part 6, ADR 0017). The hash chain is unkeyed: a database
 * administrator who rewrites a row and recomputes every hash after it leaves a chain that walks clean. Signed
 * checkpoints — the head of each department's log signed by `npm run audit:checkpoint` with a key the database
 * does not hold, kept in a store outside it — make `npm run audit:verify` find that rewrite, a removed tail and a
 * forged checkpoint. Retention deletes old rows only through an old-enough checkpoint, and the log still verifies.
 *
 * The logs are rewritten on purpose, so this file runs on databases of its own (DB_PREFIX + "_anchor", migrated by
 * the subgraphs, not seeded) and drops them at the end.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CheckpointStore, accessLogSql, anchorsOf, eventHash, pruneAccessLog, retentionDays, trustedCheckpoints, verifyAccessLog, type AccessEvent, type StoredAccessEvent } from '@hub/audit';
import { databaseNameFor, databaseUrl, dropDatabase } from '@hub/db';
import { SUBGRAPHS } from '@hub/topology';
import { startHub } from '@hub/testkit';

const PREFIX = `${process.env.DB_PREFIX || 'gridhub_test'}_anchor`;
const keys = generateKeyPairSync('ed25519');
const store = mkdtempSync(join(tmpdir(), 'gridhub-checkpoints-'));
const env = {
  ...process.env,
  DB_PREFIX: PREFIX,
  AUDIT_CHECKPOINT_DIR: store,
  AUDIT_CHECKPOINT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  AUDIT_CHECKPOINT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const urlOf = (subgraph: string) => databaseUrl(process.env.DATABASE_URL!, databaseNameFor(subgraph, PREFIX));
const YEAR_MS = 365 * 86_400_000;

beforeAll(async () => {
  // The subgraphs migrate their databases when they start; nothing else of theirs is needed here.
  const hub = await startHub({ gateway: false, env: { DB_PREFIX: PREFIX } });
  await hub.stop();
  for (const { name } of SUBGRAPHS) await append(name, 5);
}, 150_000);

afterAll(async () => {
  for (const { name } of SUBGRAPHS) await dropDatabase(process.env.DATABASE_URL!, databaseNameFor(name, PREFIX));
  rmSync(store, { recursive: true, force: true });
});

async function sql<T>(subgraph: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: urlOf(subgraph) });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Appends `count` events to a department's log, as its subgraph would. */
async function append(subgraph: string, count: number): Promise<void> {
  const events: AccessEvent[] = Array.from({ length: count }, (_, i) => ({
    requestId: `anchor-${subgraph}-${Date.now()}-${i}`,
    userSub: 'officer-anchor',
    userName: '审计测试员',
    department: 'GRID',
    role: 'OFFICER',
    purpose: 'GRID_SERVICE',
    subject: `P${String(i).padStart(6, '0')}`,
    fieldClasses: ['person.basic'],
    outcome: 'CLEAR',
  }));
  await sql(subgraph, accessLogSql.append('$1'), [JSON.stringify(events)]);
}

function cli(script: 'checkpoint' | 'verify', args: string[] = []) {
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'packages', 'audit', 'dist', `${script}-cli.js`), ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const ROW_COLUMNS = `id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, request_id, user_sub, user_name, department, role, purpose, case_id, subject_person_id, field_classes, outcome, prev_hash, hash`;

/** What an administrator with every right can do: change a row, then recompute the hashes from it on, so the chain walks clean. */
async function rewriteFrom(subgraph: string, id: string): Promise<void> {
  const client = new Client({ connectionString: urlOf(subgraph) });
  await client.connect();
  try {
    await client.query(accessLogSql.liftAppendOnly);
    await client.query(accessLogSql.update("user_sub = 'nobody'", 'id = $1'), [id]);
    const rows = (await client.query<StoredAccessEvent>(accessLogSql.select(ROW_COLUMNS, 'id >= $1', 'order by id'), [id])).rows;
    let previous = rows[0].prev_hash;
    for (const row of rows) {
      const hash = eventHash(previous, { ...row, prev_hash: previous });
      await client.query(accessLogSql.update('prev_hash = $2, hash = $3', 'id = $1'), [row.id, previous, hash]);
      previous = hash;
    }
    await client.query(accessLogSql.restoreAppendOnly);
  } finally {
    await client.end();
  }
}

const lastId = async (subgraph: string) => (await sql<{ id: string }>(subgraph, accessLogSql.select('max(id)::text as id')))[0].id;

test('audit:checkpoint signs the head of every log into the store outside the database; audit:verify holds the logs to it', async () => {
  const signed = cli('checkpoint');
  expect(signed).toMatchObject({ status: 0 });
  for (const { name } of SUBGRAPHS) {
    expect(signed.out).toMatch(new RegExp(`signed\\s+${name}\\s+event ${await lastId(name)} `));
    const [checkpoint] = new CheckpointStore(store).read(name);
    expect(checkpoint).toMatchObject({ department: name, lastId: await lastId(name), signature: expect.any(String) });
  }
  for (const { name } of SUBGRAPHS) await append(name, 3); // the logs go on after the checkpoint
  const verified = cli('verify');
  expect(verified.out).toMatch(/ok\s+housing\s+8 events, chain intact, 1 signed checkpoint\(s\) hold/);
  expect(verified.status).toBe(0);
});

test('a row rewritten with every hash after it recomputed walks clean as a chain, and audit:verify finds it at the checkpoint', async () => {
  const [second] = await sql<{ id: string }>('housing', accessLogSql.select('id::text', undefined, 'order by id offset 1 limit 1'));
  await rewriteFrom('housing', second.id);
  // The unkeyed chain alone cannot tell.
  await expect(verifyAccessLog(urlOf('housing'))).resolves.toEqual({ rows: 8, ok: true });
  const [checkpoint] = new CheckpointStore(store).read('housing');
  const verified = cli('verify');
  expect(verified.status).toBe(1);
  expect(verified.out).toMatch(new RegExp(`BROKEN\\s+housing\\s+at event ${checkpoint.lastId}: hash differs from the signed checkpoint of this row`));
  expect(verified.out).toMatch(/ok\s+public-security\s+8 events, chain intact/);
});

test('a removed tail (the checkpointed row and all after it) is found missing', async () => {
  const [checkpoint] = new CheckpointStore(store).read('population');
  const client = new Client({ connectionString: urlOf('population') });
  await client.connect();
  try {
    await client.query(accessLogSql.liftAppendOnly);
    await client.query(accessLogSql.delete('id >= $1'), [checkpoint.lastId]);
    await client.query(accessLogSql.restoreAppendOnly);
  } finally {
    await client.end();
  }
  await expect(verifyAccessLog(urlOf('population'))).resolves.toMatchObject({ ok: true }); // a shorter chain is still a chain
  expect(cli('verify').out).toMatch(new RegExp(`BROKEN\\s+population\\s+at event ${checkpoint.lastId}: a row with a signed checkpoint is gone`));
});

test('a checkpoint written into the store without the key is refused as forged', async () => {
  const [real] = new CheckpointStore(store).read('grid');
  appendFileSync(join(store, 'grid.jsonl'), `${JSON.stringify({ ...real, lastHash: 'f'.repeat(64), takenAt: new Date().toISOString() })}\n`);
  const verified = cli('verify');
  expect(verified.status).toBe(1);
  expect(verified.out).toMatch(/FORGED\s+grid\s+1 checkpoint\(s\) in .* do not verify with the checkpoint key/);
  expect(readFileSync(join(store, 'grid.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
});

describe('retention', () => {
  it('is three years at least', () => {
    expect(retentionDays({})).toBe(1095);
    expect(retentionDays({ AUDIT_RETENTION_DAYS: '2000' })).toBe(2000);
    expect(() => retentionDays({ AUDIT_RETENTION_DAYS: '30' })).toThrow(/at least 1095 \(three years\)/);
  });

  it('deletes only through a checkpoint older than the retention period, and the log still verifies from there', async () => {
    const { trusted } = trustedCheckpoints(new CheckpointStore(store).read('civil-affairs'), 'civil-affairs', keys.publicKey);
    const client = new Client({ connectionString: urlOf('civil-affairs') });
    await client.connect();
    try {
      // Today nothing is three years old: nothing goes.
      await expect(pruneAccessLog(client, trusted, 1095)).resolves.toEqual({ through: null, deleted: 0 });
      // Four years on, the checkpointed rows are old enough: the five rows through the checkpoint go, the three after it stay.
      const later = new Date(Date.now() + 4 * YEAR_MS);
      await expect(pruneAccessLog(client, trusted, 1095, later)).resolves.toMatchObject({ through: { lastId: trusted[0].lastId }, deleted: 5 });
    } finally {
      await client.end();
    }
    await expect(verifyAccessLog(urlOf('civil-affairs'), anchorsOf(trusted, 1095, new Date(Date.now() + 4 * YEAR_MS)))).resolves.toEqual({ rows: 3, ok: true });
    // The same pruned log, judged today, was cut before its time: it no longer links to the start of a chain.
    await expect(verifyAccessLog(urlOf('civil-affairs'), anchorsOf(trusted, 1095))).resolves.toMatchObject({ ok: false, broken: { code: 'UNLINKED', position: 1 } });
  });

  it('refuses to prune a log whose checkpointed row no longer carries the signed hash, and deletes nothing', async () => {
    const { trusted } = trustedCheckpoints(new CheckpointStore(store).read('housing'), 'housing', keys.publicKey);
    const before = await sql<{ n: string }>('housing', accessLogSql.select('count(*)::text as n'));
    const client = new Client({ connectionString: urlOf('housing') });
    await client.connect();
    try {
      await expect(pruneAccessLog(client, trusted, 1095, new Date(Date.now() + 4 * YEAR_MS))).rejects.toThrow(/does not carry the hash signed for it/);
    } finally {
      await client.end();
    }
    expect(await sql<{ n: string }>('housing', accessLogSql.select('count(*)::text as n'))).toEqual(before);
  });
});
