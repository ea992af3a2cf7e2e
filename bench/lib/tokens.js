'use strict';
const { randomUUID } = require('node:crypto');
const path = require('node:path');
// The jose that @hub/access signs with (the root one may be another major, pulled in by Hive Gateway).
const { SignJWT } = require(require.resolve('jose', { paths: [path.dirname(require.resolve('@hub/access'))] }));
const { INTERNAL_TOKEN_AUDIENCE, INTERNAL_TOKEN_ISSUER, ensureDevKeys, gridhubHome, loadPrivateKey, signInternalToken, signUserToken } = require('@hub/access');

/** The district grid center: GRID_SERVICE may read every field the cross-department record asks for. */
const GRID_OFFICER = { sub: 'bench-grid', name: '压测网格中心', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' };
const CIVIL_OFFICER = { sub: 'bench-civil', name: '压测民政', dept: 'CIVIL_AFFAIRS', role: 'OFFICER', jurisdiction: '120112' };

function userToken(user) {
  ensureDevKeys(gridhubHome());
  return signUserToken(loadPrivateKey(gridhubHome(), 'user'), user, 4 * 3600);
}

/**
 * An internal token as gridhub's gateway signs it (same key, algorithm, issuer, audience and claims), but
 * valid for `ttlSeconds` instead of the gateway's 60 s, so that one token can serve a whole run: for direct
 * subgraph calls and for Hive Gateway, which forwards it unchanged.
 */
function longLivedInternalToken(user, purpose, ttlSeconds = 4 * 3600) {
  return new SignJWT({ name: user.name, dept: user.dept, role: user.role, jurisdiction: user.jurisdiction, purpose })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(user.sub)
    .setJti(`bench-${randomUUID()}`)
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(INTERNAL_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(loadPrivateKey(gridhubHome(), 'internal'));
}

/**
 * Signs each request to one subgraph as the gateway does (ADR 0016): a token for that subgraph, bound to the body,
 * used once. For the direct-to-subgraph scenario; the signing is part of what it measures, as it is at the gateway.
 */
function signerFor(user, purpose, subgraph) {
  const key = loadPrivateKey(gridhubHome(), 'internal');
  return async (body) => ({ 'x-gridhub-internal-token': await signInternalToken(key, { ...user, purpose, requestId: `bench-${randomUUID()}` }, { subgraph, bound: body }) });
}

module.exports = { GRID_OFFICER, CIVIL_OFFICER, userToken, longLivedInternalToken, signerFor };
