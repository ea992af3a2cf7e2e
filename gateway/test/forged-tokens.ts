import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { INTERNAL_TOKEN_AUDIENCE, INTERNAL_TOKEN_ISSUER, USER_TOKEN_ISSUER, gridhubHome, loadPrivateKey, loadPublicKey } from '@hub/access';

/**
 * Hand-made JWTs for the attacks the gateway and subgraphs must refuse. Built with node:crypto on purpose:
 * jose refuses to produce most of them.
 */
const base64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

export const GRID_CLAIMS = { sub: 'attacker', name: '测试GRID', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' };

function signed(header: object, payload: object, signer: (input: string) => Buffer): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${signer(input).toString('base64url')}`;
}

function es256(key: KeyObject) {
  return (input: string) => sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
}

function userPayload(overrides: Record<string, unknown> = {}) {
  return { ...GRID_CLAIMS, iss: USER_TOKEN_ISSUER, iat: now(), exp: now() + 3600, ...overrides };
}

/** Correctly signed with the real user key, but expired a minute ago. */
export function expiredUserToken(): string {
  return signed({ alg: 'ES256', typ: 'JWT' }, userPayload({ iat: now() - 3600, exp: now() - 60 }), es256(loadPrivateKey(gridhubHome(), 'user')));
}

/** Right shape and algorithm, signed by a key the hub has never seen. */
export function forgedUserToken(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return signed({ alg: 'ES256', typ: 'JWT' }, userPayload(), es256(privateKey));
}

/** Real signature, payload swapped afterwards (jurisdiction widened to the whole city). */
export function tamperedUserToken(validToken: string): string {
  const [header, , signature] = validToken.split('.');
  return `${header}.${base64url(userPayload({ jurisdiction: '120000' }))}.${signature}`;
}

/** The classic algorithm confusion: HS256 keyed with the public key PEM that anyone may read. */
export function hs256WithPublicKeyToken(): string {
  const secret = loadPublicKey(gridhubHome(), 'user').export({ type: 'spki', format: 'pem' });
  return signed({ alg: 'HS256', typ: 'JWT' }, userPayload(), (input) => createHmac('sha256', secret).update(input).digest());
}

/** `alg: none`, no signature at all. */
export function unsignedToken(): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(userPayload())}.`;
}

/** Real key and algorithm, wrong issuer. */
export function wrongIssuerToken(): string {
  return signed({ alg: 'ES256', typ: 'JWT' }, userPayload({ iss: 'someone-else' }), es256(loadPrivateKey(gridhubHome(), 'user')));
}

/** A gateway-signed internal token that expired ten seconds ago. */
export function expiredInternalToken(): string {
  const payload = {
    ...GRID_CLAIMS,
    purpose: 'GRID_SERVICE',
    jti: 'expired-request',
    iss: INTERNAL_TOKEN_ISSUER,
    aud: INTERNAL_TOKEN_AUDIENCE,
    iat: now() - 70,
    exp: now() - 10,
  };
  const key = loadPrivateKey(gridhubHome(), 'internal');
  return signed({ alg: 'EdDSA' }, payload, (input) => sign(null, Buffer.from(input), key));
}
