/**
 * The district's identity provider (issue #13 part 1): user JWTs verified against its JWKS (served over HTTP here,
 * as a provider serves it, or read from a file), key ids honoured and a rotated key found without a restart, the
 * audience and issuer checked, only asymmetric algorithms from the allow-list accepted, clock skew forgiven only
 * within its bound, and the identity read from the claims the configuration names.
 */
import { generateKeyPairSync, createSecretKey, type KeyObject } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, type JWK } from 'jose';
import { identityProviderFromEnv, userTokenVerifier, type IdentityProviderConfig } from '@hub/access';

const ISSUER = 'https://idp.jinnan.example/realms/grid';
const AUDIENCE = 'gridhub';
const devPem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** A token as the provider issues it: the identity in a nested `gridhub` claim, the name in `preferred_username`. */
function token(key: SigningKey, claims: Record<string, unknown> = {}, options: { audience?: string; issuer?: string; expiresIn?: string | number; notBefore?: number; alg?: string } = {}) {
  return new SignJWT({ gridhub: { department: 'GRID', role: 'OFFICER', region: '120112' }, preferred_username: '王丽', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: key.kid })
    .setSubject('wang.li')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setNotBefore(options.notBefore ?? Math.floor(Date.now() / 1000) - 1)
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(key.privateKey);
}

const MAPPED_CLAIMS = {
  USER_JWT_ISSUER: ISSUER,
  USER_JWT_AUDIENCE: AUDIENCE,
  USER_JWT_CLAIM_DEPT: 'gridhub.department',
  USER_JWT_CLAIM_ROLE: 'gridhub.role',
  USER_JWT_CLAIM_JURISDICTION: 'gridhub.region',
  USER_JWT_CLAIM_NAME: 'preferred_username',
};

describe('a JWKS served by the identity provider', () => {
  let server: Server;
  let keys: SigningKey[];
  let fetches = 0;
  let config: IdentityProviderConfig;

  beforeAll(async () => {
    keys = [await signingKey('2026-11')];
    server = createServer((req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/realms/grid/certs`;
    config = identityProviderFromEnv({ ...MAPPED_CLAIMS, USER_JWKS_URL: url }, devPem);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a token by its key id and reads the identity from the mapped claims', async () => {
    const verify = userTokenVerifier(config);
    await expect(verify(await token(keys[0]))).resolves.toEqual({ sub: 'wang.li', name: '王丽', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' });
  });

  it('finds a rotated key without a restart, and refuses a key id the provider does not have', async () => {
    // No cool-down between fetches here (30 s in service): the rotation is found at the next token.
    const verify = userTokenVerifier(config, { jwksCooldownMs: 0 });
    await verify(await token(keys[0]));
    const before = fetches;
    const rotated = await signingKey('2026-12');
    keys = [keys[0], rotated];
    await expect(verify(await token(rotated))).resolves.toMatchObject({ sub: 'wang.li' });
    expect(fetches).toBe(before + 1);
    const stranger = await signingKey('not-ours');
    await expect(verify(await token({ ...stranger, kid: '2026-12' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/invalid signature/) });
  });

  it('refuses another audience, another issuer, a missing claim, and an expiry past the allowed skew', async () => {
    const verify = userTokenVerifier(config);
    await expect(verify(await token(keys[0], {}, { audience: 'another-app' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/claim check: aud/) });
    await expect(verify(await token(keys[0], {}, { issuer: 'https://evil.example' }))).rejects.toMatchObject({ message: expect.stringMatching(/claim check: iss/) });
    await expect(verify(await token(keys[0], { gridhub: { department: 'GRID', role: 'OFFICER' } }))).rejects.toMatchObject({ message: expect.stringMatching(/jurisdiction/) });
    const now = Math.floor(Date.now() / 1000);
    // 20 s of skew is forgiven (the default is 30), 60 s is not.
    await expect(verify(await token(keys[0], {}, { expiresIn: now - 20 }))).resolves.toMatchObject({ sub: 'wang.li' });
    await expect(verify(await token(keys[0], {}, { expiresIn: now - 60 }))).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });
    await expect(verify(await token(keys[0], {}, { notBefore: now + 20 }))).resolves.toMatchObject({ sub: 'wang.li' });
    await expect(verify(await token(keys[0], {}, { notBefore: now + 60 }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a shared-secret (HS256) token even when its key id matches', async () => {
    const verify = userTokenVerifier(config);
    const forged = await new SignJWT({ gridhub: { department: 'GRID', role: 'OFFICER', region: '120112' } })
      .setProtectedHeader({ alg: 'HS256', kid: '2026-11' })
      .setSubject('wang.li')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(createSecretKey(Buffer.from('a shared secret that anyone with the config would have')));
    await expect(verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/algorithm that is not accepted/) });
  });
});

describe('a JWKS file', () => {
  it('verifies against the keys in the file', async () => {
    const key = await signingKey('file-1');
    const path = join(mkdtempSync(join(tmpdir(), 'gridhub-jwks-')), 'jwks.json');
    writeFileSync(path, JSON.stringify({ keys: [key.jwk] }));
    const verify = userTokenVerifier(identityProviderFromEnv({ ...MAPPED_CLAIMS, USER_JWKS_PATH: path }, devPem));
    await expect(verify(await token(key))).resolves.toMatchObject({ dept: 'GRID', jurisdiction: '120112' });
  });
});

describe('the settings', () => {
  it.each([
    [{ USER_JWT_ALGORITHMS: 'ES256,HS256' }, /USER_JWT_ALGORITHMS names "HS256"/],
    [{ USER_JWT_ALGORITHMS: 'none' }, /USER_JWT_ALGORITHMS names "none"/],
    [{ USER_JWT_CLOCK_SKEW_SECONDS: '3600' }, /USER_JWT_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to 300/],
    [{ USER_JWT_CLAIM_DEPT: 'a..b' }, /USER_JWT_CLAIM_DEPT must be a claim name or a dotted path/],
    [{ USER_JWKS_URL: 'http://idp.example/certs' }, /USER_JWKS_URL must use https/],
    [{ USER_JWKS_URL: 'https://idp.example/certs', USER_JWKS_PATH: '/tmp/x.json' }, /both set/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => identityProviderFromEnv(env, devPem)).toThrow(message);
  });

  it('defaults to the development issuer, ES256, 30 s of skew and the claims as npm run token writes them', () => {
    expect(identityProviderFromEnv({}, devPem)).toMatchObject({
      issuer: 'gridhub-dev-issuer',
      audience: undefined,
      algorithms: ['ES256'],
      clockToleranceSeconds: 30,
      keys: { kind: 'pem' },
      claims: { dept: 'dept', role: 'role', jurisdiction: 'jurisdiction', name: 'name' },
    });
  });
});
