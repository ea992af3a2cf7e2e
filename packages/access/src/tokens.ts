import { createHash, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ErrorCode, HubError } from './errors';
import { isPurpose, parseUserIdentity, type RequestIdentity, type UserIdentity } from './identity';
import { documentDigestOf, onwardCallsOf, requestDigest, subgraphAudience, type InternalRequest, type OnwardTokens } from './internal-requests';

export const USER_TOKEN_ALGORITHM = 'ES256';
export const USER_TOKEN_ISSUER = 'gridhub-dev-issuer';
export const INTERNAL_TOKEN_ALGORITHM = 'EdDSA';
export const INTERNAL_TOKEN_ISSUER = 'gridhub-gateway';
/** The prefix of every internal token's audience; a token names one subgraph (`subgraphAudience`). */
export const INTERNAL_TOKEN_AUDIENCE = 'gridhub-subgraph';
export const INTERNAL_TOKEN_HEADER = 'x-gridhub-internal-token';
/** Long enough for one federated request; a replayed token is useless a minute later. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

export async function signUserToken(privateKey: KeyObject, user: UserIdentity, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({ name: user.name, dept: user.dept, role: user.role, jurisdiction: user.jurisdiction })
    .setProtectedHeader({ alg: USER_TOKEN_ALGORITHM, typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuer(USER_TOKEN_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}

function explain(error: unknown, what: string): HubError {
  if (error instanceof HubError) return error;
  if (error instanceof joseErrors.JWTExpired) return new HubError(ErrorCode.UNAUTHENTICATED, `${what} has expired`);
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new HubError(ErrorCode.UNAUTHENTICATED, `${what} uses an algorithm that is not accepted`);
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new HubError(ErrorCode.UNAUTHENTICATED, `${what} has an invalid signature`);
  if (error instanceof joseErrors.JWTClaimValidationFailed) return new HubError(ErrorCode.UNAUTHENTICATED, `${what} failed claim check: ${error.claim}`);
  return new HubError(ErrorCode.UNAUTHENTICATED, `${what} is malformed`);
}

export async function verifyUserToken(publicKey: KeyObject, token: string, issuer = USER_TOKEN_ISSUER): Promise<UserIdentity> {
  try {
    const { payload } = await jwtVerify(token, publicKey, { algorithms: [USER_TOKEN_ALGORITHM], issuer, requiredClaims: ['exp', 'sub'] });
    return parseUserIdentity(payload);
  } catch (error) {
    throw explain(error, 'Bearer token');
  }
}

/** The claims every internal token carries: the verified user, purpose, case, and the gateway's request id. */
function identityClaims(identity: RequestIdentity) {
  return {
    name: identity.name,
    dept: identity.dept,
    role: identity.role,
    jurisdiction: identity.jurisdiction,
    purpose: identity.purpose,
    caseId: identity.caseId,
    caseHouseholdIds: identity.caseHouseholdIds,
    rid: identity.requestId,
  };
}

function signClaims(privateKey: KeyObject, identity: RequestIdentity, audience: string, claims: Record<string, unknown>): Promise<string> {
  return (
    new SignJWT({ ...identityClaims(identity), ...claims })
      // The key id lets subgraphs trust two gateway keys during a rotation (internalKeyId, InternalKeySet).
      .setProtectedHeader({ alg: INTERNAL_TOKEN_ALGORITHM, kid: internalKeyId(privateKey) })
      .setSubject(identity.sub)
      // Each token its own id: the subgraph remembers it until it expires and refuses a second use.
      .setJti(randomUUID())
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
      .sign(privateKey)
  );
}

/**
 * One token for one subgraph request: audience the subgraph, bound to the exact bytes sent (see InternalRequest),
 * with a fresh id. When the request makes the subgraph ask its peers (ONWARD_CALLS), the token carries one onward
 * token per peer and route, each for that peer only.
 */
export async function signInternalToken(privateKey: KeyObject, identity: RequestIdentity, request: InternalRequest): Promise<string> {
  const onward: Record<string, Record<string, string>> = {};
  for (const call of onwardCallsOf(request.subgraph, request.bound)) {
    const claims = { via: request.subgraph, route: call.route, uses: call.uses, ...(call.document ? { doc: requestDigest(call.document) } : {}) };
    (onward[call.peer] ??= {})[call.route] = await signClaims(privateKey, identity, subgraphAudience(call.peer), claims);
  }
  return signClaims(privateKey, identity, subgraphAudience(request.subgraph), { op: requestDigest(request.bound), ...(Object.keys(onward).length ? { onward } : {}) });
}

/** A verified internal token: who asks, and what the subgraph needs to refuse its second use. */
export interface VerifiedInternalToken {
  identity: RequestIdentity;
  /** The token's own id (`jti`), remembered until `expiresAtMs`. */
  tokenId: string;
  expiresAtMs: number;
  /** How many requests the token may be used for: 1, or an onward token's number of calls. */
  uses: number;
  /** Tokens for this subgraph's own calls to its peers, by peer and route (ONWARD_CALLS). */
  onward: OnwardTokens;
  /** What the token is bound to; checked against the request by `checkInternalRequest`. */
  binding: { op?: string; via?: string; route?: string; doc?: string };
}

function onwardTokensOf(value: unknown): OnwardTokens {
  if (!value || typeof value !== 'object') return {};
  const tokens: Record<string, Record<string, string>> = {};
  for (const [peer, routes] of Object.entries(value)) {
    if (!routes || typeof routes !== 'object') continue;
    for (const [route, token] of Object.entries(routes)) if (typeof token === 'string') (tokens[peer] ??= {})[route] = token;
  }
  return tokens;
}

const optionalString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Signature, issuer, expiry and audience (this subgraph's own, `gridhub-subgraph:<name>`): a token minted for
 * another subgraph is refused. The request binding is checked afterwards (checkInternalRequest), once the body is read.
 */
export async function verifyInternalToken(keys: KeyObject | InternalKeySet, token: string, subgraph: string): Promise<VerifiedInternalToken> {
  const keySet = keys instanceof InternalKeySet ? keys : new InternalKeySet([keys]);
  try {
    const { payload } = await jwtVerify(token, keySet.keyFor, {
      algorithms: [INTERNAL_TOKEN_ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: subgraphAudience(subgraph),
      requiredClaims: ['exp', 'sub', 'jti'],
    });
    const user = parseUserIdentity(payload);
    const purpose = payload.purpose;
    if (typeof purpose !== 'string' || !isPurpose(purpose)) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Internal token carries no valid purpose');
    const caseId = typeof payload.caseId === 'string' ? payload.caseId : undefined;
    const caseHouseholdIds = Array.isArray(payload.caseHouseholdIds) ? payload.caseHouseholdIds.filter((id): id is string => typeof id === 'string') : undefined;
    const uses = typeof payload.uses === 'number' && Number.isInteger(payload.uses) && payload.uses >= 1 ? payload.uses : 1;
    return {
      identity: { ...user, purpose, caseId, caseHouseholdIds, requestId: optionalString(payload.rid) ?? payload.jti! },
      tokenId: payload.jti!,
      expiresAtMs: payload.exp! * 1000,
      uses,
      onward: onwardTokensOf(payload.onward),
      binding: { op: optionalString(payload.op), via: optionalString(payload.via), route: optionalString(payload.route), doc: optionalString(payload.doc) },
    };
  } catch (error) {
    throw explain(error, 'Internal token');
  }
}

/**
 * The token is for this very request: a gateway fetch's token names the digest of the exact bytes received; an
 * onward token (a subgraph asking a peer) names the route, and for GraphQL the one document it may send.
 */
export function checkInternalRequest(verified: VerifiedInternalToken, request: Omit<InternalRequest, 'subgraph'> & { route: string }): void {
  const { op, via, route, doc } = verified.binding;
  if (op !== undefined) {
    if (op !== requestDigest(request.bound)) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Internal token is bound to another request (its operation digest does not match this one)');
    return;
  }
  if (via === undefined) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Internal token is not bound to a request');
  if (route !== request.route) throw new HubError(ErrorCode.UNAUTHENTICATED, `Internal token from ${via} is for ${route ?? 'no route'}, not ${request.route}`);
  if (route === 'graphql' && (doc === undefined || doc !== documentDigestOf(request.bound))) {
    throw new HubError(ErrorCode.UNAUTHENTICATED, `Internal token from ${via} is for another GraphQL document`);
  }
}

const keyIds = new WeakMap<KeyObject, string>();

/**
 * A gateway key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI). Derived, never configured,
 * so a key and its id cannot disagree; the private and the public half give the same id.
 */
export function internalKeyId(key: KeyObject): string {
  let id = keyIds.get(key);
  if (!id) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    id = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
    keyIds.set(key, id);
  }
  return id;
}

/**
 * The gateway keys a subgraph trusts, by key id: one normally, two while the gateway's key is rotated (the next
 * key is added to every subgraph, then the gateway signs with it, then the old one is removed; docs/operations.md).
 * A token signed by a key not in the set, or without a key id, is refused.
 */
export class InternalKeySet {
  private readonly byId: ReadonlyMap<string, KeyObject>;

  constructor(keys: readonly KeyObject[]) {
    if (keys.length === 0) throw new Error('an internal key set needs at least one public key');
    this.byId = new Map(keys.map((key) => [internalKeyId(key), key]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  readonly keyFor = (header: { kid?: string }): KeyObject => {
    const key = header.kid ? this.byId.get(header.kid) : undefined;
    if (!key) throw new HubError(ErrorCode.UNAUTHENTICATED, `Internal token is signed by a key this subgraph does not trust (key id ${header.kid ?? 'missing'})`);
    return key;
  };
}
