import { randomUUID, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ErrorCode,
  HubError,
  REQUEST_ERROR_STATUS,
  checkPurpose,
  ensureDevKeys,
  gridhubHome,
  identityProviderFromEnv,
  loadPrivateKey,
  loadPublicKey,
  signInternalToken,
  userTokenVerifier,
  verifyUserToken,
  type RequestIdentity,
  type UserIdentity,
  type UserTokenVerifier,
} from '@hub/access';
import { caseNeedOf, type CaseNeed, type CaseResolver } from './cases';

/** What every resolver and every subgraph fetch of one request sees. */
export interface GatewayContext {
  identity: RequestIdentity;
  /**
   * Signs the internal token of one subgraph fetch: for that subgraph only, bound to the exact body sent, used once
   * (each attempt of a retried fetch gets its own).
   */
  internalTokenFor(subgraph: string, body: string): Promise<string>;
  requestId: string;
}

/** The context of one request for this identity: its tokens are signed with the gateway's internal key. */
export function gatewayContext(keys: Pick<AuthKeys, 'internalPrivateKey'>, identity: RequestIdentity): GatewayContext {
  return {
    identity,
    requestId: identity.requestId,
    internalTokenFor: (subgraph, body) => signInternalToken(keys.internalPrivateKey, identity, { subgraph, bound: body }),
  };
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The caller's X-Request-Id when it is safe to log and forward, otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

/** The HTTP status for a request refused before execution. */
export function refusalStatus(error: HubError): number {
  return REQUEST_ERROR_STATUS[error.code] ?? 400;
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function bearerToken(headers: IncomingHttpHeaders): string {
  const authorization = singleHeader(headers, 'authorization')?.trim();
  if (!authorization) {
    throw new HubError(ErrorCode.UNAUTHENTICATED, 'Missing Authorization header: send `Authorization: Bearer <jwt>` (`npm run token` prints a development token)');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new HubError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be `Bearer <jwt>`');
  return match[1];
}

export interface AuthKeys {
  /** Verifies user JWTs (ES256): the development key, or the identity provider's (USER_JWT_PUBLIC_KEY). */
  userPublicKey: KeyObject;
  /** The `iss` user JWTs must carry: the development issuer, or the identity provider's (USER_JWT_ISSUER). */
  userIssuer: string;
  /** Signs the internal tokens subgraphs verify. */
  internalPrivateKey: KeyObject;
  /**
   * Verifies a user JWT as the district's identity provider issues it (JWKS, audience, algorithms, clock skew,
   * claim names; USER_JWKS_URL and friends). Absent, the token is checked against `userPublicKey` and `userIssuer`.
   */
  verifyUserToken?: UserTokenVerifier;
}

/** Loads the keys once; on a fresh machine creates the development keys first. */
export function loadAuthKeys(home = gridhubHome()): AuthKeys {
  ensureDevKeys(home);
  const userPublicKey = loadPublicKey(home, 'user');
  const identityProvider = identityProviderFromEnv(process.env, () => userPublicKey.export({ type: 'spki', format: 'pem' }).toString());
  return {
    userPublicKey,
    userIssuer: identityProvider.issuer,
    internalPrivateKey: loadPrivateKey(home, 'internal'),
    verifyUserToken: userTokenVerifier(identityProvider),
  };
}

/** How many verified user tokens the gateway remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;
const verifiedTokens = new WeakMap<AuthKeys, Map<string, { user: UserIdentity; expiresAtMs: number }>>();

/** The `exp` of a token whose signature has just been verified (so its payload is well-formed JSON). */
function expiryMs(token: string): number | undefined {
  const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/**
 * The user a bearer token names, once its signature, issuer, expiry and claims check out; else UNAUTHENTICATED.
 * A token's exact text that verified once is remembered until its `exp` (an ES256 verification is a large part
 * of a request's CPU, issue #11): a changed byte is a different text, verified afresh; an expired one is dropped
 * and fails verification as before.
 */
export async function verifyUser(keys: AuthKeys, token: string): Promise<UserIdentity> {
  let remembered = verifiedTokens.get(keys);
  if (!remembered) verifiedTokens.set(keys, (remembered = new Map()));
  const known = remembered.get(token);
  if (known && Date.now() < known.expiresAtMs) return { ...known.user };
  if (known) remembered.delete(token);
  const user = keys.verifyUserToken ? await keys.verifyUserToken(token) : await verifyUserToken(keys.userPublicKey, token, keys.userIssuer);
  const expiresAtMs = expiryMs(token);
  if (expiresAtMs !== undefined) {
    if (remembered.size >= VERIFIED_TOKENS_KEPT) remembered.delete(remembered.keys().next().value!);
    remembered.set(token, { user: { ...user }, expiresAtMs });
  }
  return user;
}

/**
 * The gateway's whole authentication step, in order: the user's JWT (signature, ES256 only, issuer,
 * expiry, claims) → UNAUTHENTICATED; the purpose and case headers against the user's department →
 * PURPOSE_REQUIRED / PURPOSE_NOT_ALLOWED / CASE_REQUIRED; a 低保 case confirmed open by civil affairs →
 * CASE_NOT_OPEN (an operation that only opens an application or lists civil affairs' casework needs no case; a
 * batch review's application ids are its cases); then the identity the subgraphs' internal tokens carry, with the
 * case's household (a token is signed per subgraph fetch: gatewayContext). Throws HubError; `refusalStatus` gives its
 * HTTP status.
 */
export async function authenticate(
  keys: AuthKeys,
  headers: IncomingHttpHeaders,
  requestId: string,
  request: { query?: unknown; variables?: unknown; resolveCase: CaseResolver },
): Promise<GatewayContext> {
  const user = await verifyUser(keys, bearerToken(headers));
  const purposeHeader = singleHeader(headers, 'x-purpose');
  const caseHeader = singleHeader(headers, 'x-case-id');
  const need: CaseNeed = caseHeader?.trim() ? { kind: 'named' } : caseNeedOf(purposeHeader?.trim(), request.query, request.variables);
  const { purpose, caseId } = checkPurpose(user, purposeHeader, caseHeader, need.kind !== 'named');
  const identity: RequestIdentity = { ...user, purpose, caseId, requestId };
  if (purpose === 'SUBSISTENCE_REVIEW' && caseId) identity.caseHouseholdIds = [(await request.resolveCase.open(identity)).householdId];
  if (purpose === 'CASE_INVESTIGATION' && caseId) await request.resolveCase.investigation(identity);
  if (purpose === 'SUBSISTENCE_REVIEW' && need.kind === 'batch') {
    // Only the open applications' households are opened; civil affairs reports the others as not checked.
    const statuses = await request.resolveCase.statuses(identity, need.applicationIds);
    identity.caseHouseholdIds = [...new Set(statuses.filter((s) => s.open && s.householdId).map((s) => s.householdId!))];
  }
  return gatewayContext(keys, identity);
}
