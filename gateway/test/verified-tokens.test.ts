import { generateKeyPairSync } from 'node:crypto';
import { USER_TOKEN_ISSUER, signUserToken, type UserIdentity } from '@hub/access';
import { verifyUser, type AuthKeys } from '../src/auth';

// Keys of this test alone: what one set of keys verified is never taken for another's.
const user = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const internal = generateKeyPairSync('ed25519');
const keys: AuthKeys = { userPublicKey: user.publicKey, userIssuer: USER_TOKEN_ISSUER, internalPrivateKey: internal.privateKey };
const otherKeys: AuthKeys = { ...keys, userPublicKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey };
const officer: UserIdentity = { sub: 'wang.li', name: '王丽', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' };

describe('a verified user token is remembered until it expires, and only its exact text', () => {
  it('answers the same identity again, a copy each time', async () => {
    const token = await signUserToken(user.privateKey, officer, 600);
    const first = await verifyUser(keys, token);
    expect(first).toMatchObject(officer);
    first.jurisdiction = '120000';
    await expect(verifyUser(keys, token)).resolves.toMatchObject({ jurisdiction: '120112' });
  });

  it('verifies a changed byte afresh and refuses it', async () => {
    const token = await signUserToken(user.privateKey, officer, 600);
    await verifyUser(keys, token);
    const [header, payload, signature] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), jurisdiction: '120000' })).toString('base64url');
    await expect(verifyUser(keys, `${header}.${widened}.${signature}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('does not take a token verified with one key as verified with another', async () => {
    const token = await signUserToken(user.privateKey, officer, 600);
    await verifyUser(keys, token);
    await expect(verifyUser(otherKeys, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/invalid signature/) });
  });

  it('refuses a remembered token once it has expired', async () => {
    const token = await signUserToken(user.privateKey, officer, 1);
    await expect(verifyUser(keys, token)).resolves.toMatchObject(officer);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verifyUser(keys, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/) });
  });
});
