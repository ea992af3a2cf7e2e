import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';

/**
 * A signed checkpoint of one department's access log: the id and hash of the row that was last when it was taken,
 * signed with a key the database does not hold (ADR 0017). The hash chain alone is unkeyed: whoever administers
 * PostgreSQL could rewrite rows and recompute every hash after them. A rewrite that reaches back past a checkpoint
 * changes the hash of the checkpointed row, and no one without the key can sign the new one.
 */
export interface ChainCheckpoint {
  department: string;
  /** The checkpointed row: the last row of the log when the checkpoint was taken. */
  lastId: string;
  lastHash: string;
  /** When the checkpointed row was written (ISO 8601, UTC): retention may prune only through old checkpoints. */
  lastAt: string;
  takenAt: string;
  /** Ed25519 over the fields above (base64url). */
  signature: string;
}

type Unsigned = Omit<ChainCheckpoint, 'signature'>;

function canonical(checkpoint: Unsigned): Buffer {
  return Buffer.from([checkpoint.department, checkpoint.lastId, checkpoint.lastHash, checkpoint.lastAt, checkpoint.takenAt].join('\u001f'), 'utf8');
}

export function signCheckpoint(privateKey: KeyObject, checkpoint: Unsigned): ChainCheckpoint {
  return { ...checkpoint, signature: sign(null, canonical(checkpoint), privateKey).toString('base64url') };
}

export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: ChainCheckpoint): boolean {
  try {
    return verify(null, canonical(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * Where checkpoints are kept: outside the database, one append-only JSON-lines file per department in
 * AUDIT_CHECKPOINT_DIR (a volume or a bucket mount the database's administrators cannot write; locally
 * <home>/audit-checkpoints).
 */
export class CheckpointStore {
  constructor(readonly directory: string) {}

  private file(department: string): string {
    return join(this.directory, `${department.toLowerCase()}.jsonl`);
  }

  append(checkpoint: ChainCheckpoint): void {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    appendFileSync(this.file(checkpoint.department), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  }

  /** Every checkpoint of the department, oldest first; a line that does not parse is kept as unsigned (it fails verification). */
  read(department: string): ChainCheckpoint[] {
    const file = this.file(department);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as ChainCheckpoint;
        } catch {
          return { department, lastId: '', lastHash: '', lastAt: '', takenAt: '', signature: '' };
        }
      });
  }
}

/** AUDIT_CHECKPOINT_DIR, else <home>/audit-checkpoints. */
export function checkpointDirectory(home: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.AUDIT_CHECKPOINT_DIR || join(home, 'audit-checkpoints');
}

/** The checkpoint key pair: AUDIT_CHECKPOINT_PRIVATE_KEY / _PUBLIC_KEY (PEM), else development keys generated under <home>/keys. */
export interface CheckpointKeys {
  privateKey?: KeyObject;
  publicKey: KeyObject;
}

export function loadCheckpointKeys(home: string, env: NodeJS.ProcessEnv = process.env, { generate = false } = {}): CheckpointKeys {
  const pem = (name: string) => env[name]?.replace(/\\n/g, '\n');
  const privatePem = pem('AUDIT_CHECKPOINT_PRIVATE_KEY');
  const publicPem = pem('AUDIT_CHECKPOINT_PUBLIC_KEY');
  if (publicPem) return { publicKey: createPublicKey(publicPem), privateKey: privatePem ? createPrivateKey(privatePem) : undefined };
  if (env.NODE_ENV === 'production') throw new Error('AUDIT_CHECKPOINT_PUBLIC_KEY is not set: production never signs or verifies checkpoints with development keys');
  const privateFile = join(home, 'keys', 'audit-checkpoint.private.pem');
  const publicFile = join(home, 'keys', 'audit-checkpoint.public.pem');
  if (!existsSync(publicFile)) {
    if (!generate) throw new Error(`no checkpoint key: set AUDIT_CHECKPOINT_PUBLIC_KEY or run \`npm run audit:checkpoint\` once to generate development keys in ${join(home, 'keys')}`);
    const pair = generateKeyPairSync('ed25519');
    mkdirSync(join(home, 'keys'), { recursive: true, mode: 0o700 });
    writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return {
    publicKey: createPublicKey(readFileSync(publicFile, 'utf8')),
    privateKey: existsSync(privateFile) ? createPrivateKey(readFileSync(privateFile, 'utf8')) : undefined,
  };
}

/** Signs the head of one department's log; null when the log is empty (nothing to anchor). */
export async function takeCheckpoint(client: Client, department: string, privateKey: KeyObject, now = new Date()): Promise<ChainCheckpoint | null> {
  const head = await client.query<{ id: string; hash: string; at: string }>(
    `select id::text, hash, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from access_log order by id desc limit 1`,
  );
  if (head.rows.length === 0) return null;
  const [row] = head.rows;
  return signCheckpoint(privateKey, { department, lastId: row.id, lastHash: row.hash, lastAt: row.at, takenAt: now.toISOString() });
}

/** The checkpoints a verifier may rely on: signed with the key, for this department; the rest are reported. */
export function trustedCheckpoints(checkpoints: ChainCheckpoint[], department: string, publicKey: KeyObject): { trusted: ChainCheckpoint[]; forged: number } {
  const trusted = checkpoints.filter((c) => c.department === department && /^\d+$/.test(c.lastId) && checkpointSignatureValid(publicKey, c));
  return { trusted, forged: checkpoints.length - trusted.length };
}

/** PIPL (个人信息保护法) and the district's records rules keep access records at least three years. */
export const MINIMUM_RETENTION_DAYS = 1095;

/** AUDIT_RETENTION_DAYS: how long access-log rows are kept (default and minimum three years). */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUDIT_RETENTION_DAYS;
  if (raw === undefined || raw === '') return MINIMUM_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < MINIMUM_RETENTION_DAYS) {
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, at least ${MINIMUM_RETENTION_DAYS} (three years); got "${raw}"`);
  }
  return days;
}

/** The anchors a walk checks (verify-database's ChainAnchors): every signed row, and the ones retention may prune through. */
export function anchorsOf(trusted: ChainCheckpoint[], keepDays: number, now = new Date()): { signedHashes: Map<string, string>; pruneStarts: Map<string, string> } {
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const signedHashes = new Map(trusted.map((c) => [c.lastId, c.lastHash]));
  const pruneStarts = new Map(trusted.filter((c) => Date.parse(c.lastAt) <= cutoff).map((c) => [c.lastHash, c.lastId]));
  return { signedHashes, pruneStarts };
}
