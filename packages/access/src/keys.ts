import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InternalKeySet } from './tokens';

/**
 * Two key pairs: `user` signs development user JWTs (ES256; in production the identity provider's
 * public key replaces it), `internal` is the gateway's key for the short-lived tokens subgraphs verify
 * (EdDSA). Generated on first start into <home>/keys, never committed.
 */
export type KeyPurpose = 'user' | 'internal';
const KEY_TYPES: Record<KeyPurpose, 'ec' | 'ed25519'> = { user: 'ec', internal: 'ed25519' };

function keyFile(home: string, purpose: KeyPurpose, half: 'private' | 'public'): string {
  return join(home, 'keys', `${purpose}.${half}.pem`);
}

export function ensureDevKeys(home: string): void {
  // The home folder stays traversable (the embedded PostgreSQL runs as its own user below it); only keys/ is private.
  mkdirSync(home, { recursive: true, mode: 0o755 });
  mkdirSync(join(home, 'keys'), { recursive: true, mode: 0o700 });
  for (const purpose of Object.keys(KEY_TYPES) as KeyPurpose[]) {
    if (existsSync(keyFile(home, purpose, 'public'))) continue;
    const { privateKey, publicKey } = KEY_TYPES[purpose] === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
    try {
      // 'wx' fails if another process won the race; its pair is then the one to use.
      writeFileSync(keyFile(home, purpose, 'private'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      writeFileSync(keyFile(home, purpose, 'public'), publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** PEM from an environment variable (the PEM itself) or, failing that, from the home folder. */
function readPem(home: string, purpose: KeyPurpose, half: 'private' | 'public', envName: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv.replace(/\\n/g, '\n');
  const file = keyFile(home, purpose, half);
  if (!existsSync(file)) throw new Error(`missing ${half} ${purpose} key: set ${envName} or run \`npm start\` once to generate development keys in ${join(home, 'keys')}`);
  return readFileSync(file, 'utf8');
}

export function loadPrivateKey(home: string, purpose: KeyPurpose): KeyObject {
  return createPrivateKey(readPem(home, purpose, 'private', purpose === 'user' ? 'USER_JWT_PRIVATE_KEY' : 'INTERNAL_TOKEN_PRIVATE_KEY'));
}

export function loadPublicKey(home: string, purpose: KeyPurpose): KeyObject {
  return createPublicKey(readPem(home, purpose, 'public', purpose === 'user' ? 'USER_JWT_PUBLIC_KEY' : 'INTERNAL_TOKEN_PUBLIC_KEY'));
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/**
 * The gateway keys a subgraph trusts: every PEM public key in INTERNAL_TOKEN_PUBLIC_KEY (one normally; the current
 * and the next, one after the other, while the gateway's key is rotated), else the development key.
 */
export function loadInternalKeySet(home: string): InternalKeySet {
  const pem = readPem(home, 'internal', 'public', 'INTERNAL_TOKEN_PUBLIC_KEY');
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('INTERNAL_TOKEN_PUBLIC_KEY holds no PEM public key (-----BEGIN PUBLIC KEY----- …)');
  return new InternalKeySet(blocks.map((block) => createPublicKey(block)));
}
