'use strict';
const { randomUUID } = require('node:crypto');
const { ensureDevKeys, gridhubHome, loadPrivateKey, signInternalToken, signUserToken } = require('@hub/access');

/** The district grid center: GRID_SERVICE may read every field the cross-department record asks for. */
const GRID_OFFICER = { sub: 'bench-grid', name: '压测网格中心', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112' };
const CIVIL_OFFICER = { sub: 'bench-civil', name: '压测民政', dept: 'CIVIL_AFFAIRS', role: 'OFFICER', jurisdiction: '120112' };

function userToken(user) {
  ensureDevKeys(gridhubHome());
  return signUserToken(loadPrivateKey(gridhubHome(), 'user'), user, 4 * 3600);
}

/**
 * Signs each request to one subgraph as the gateway does (ADR 0016): a token for that subgraph, bound to the body,
 * used once. For the direct-to-subgraph scenario; the signing is part of what it measures, as it is at the gateway.
 */
function signerFor(user, purpose, subgraph) {
  const key = loadPrivateKey(gridhubHome(), 'internal');
  return async (body) => ({ 'x-gridhub-internal-token': await signInternalToken(key, { ...user, purpose, requestId: `bench-${randomUUID()}` }, { subgraph, bound: body }) });
}

module.exports = { GRID_OFFICER, CIVIL_OFFICER, userToken, signerFor };
