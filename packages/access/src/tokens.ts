import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ErrorCode, HubError } from './errors';
import { isPurpose, parseUserIdentity, type RequestIdentity, type UserIdentity } from './identity';

export const USER_TOKEN_ALGORITHM = 'ES256';
export const USER_TOKEN_ISSUER = 'gridhub-dev-issuer';
export const INTERNAL_TOKEN_ALGORITHM = 'EdDSA';
export const INTERNAL_TOKEN_ISSUER = 'gridhub-gateway';
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

export async function signInternalToken(privateKey: KeyObject, identity: RequestIdentity): Promise<string> {
  return new SignJWT({
    name: identity.name,
    dept: identity.dept,
    role: identity.role,
    jurisdiction: identity.jurisdiction,
    purpose: identity.purpose,
    caseId: identity.caseId,
    caseHouseholdIds: identity.caseHouseholdIds,
  })
    .setProtectedHeader({ alg: INTERNAL_TOKEN_ALGORITHM })
    .setSubject(identity.sub)
    .setJti(identity.requestId)
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(INTERNAL_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
    .sign(privateKey);
}

export async function verifyInternalToken(publicKey: KeyObject, token: string): Promise<RequestIdentity> {
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [INTERNAL_TOKEN_ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: INTERNAL_TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'sub', 'jti'],
    });
    const user = parseUserIdentity(payload);
    const purpose = payload.purpose;
    if (typeof purpose !== 'string' || !isPurpose(purpose)) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Internal token carries no valid purpose');
    const caseId = typeof payload.caseId === 'string' ? payload.caseId : undefined;
    const caseHouseholdIds = Array.isArray(payload.caseHouseholdIds) ? payload.caseHouseholdIds.filter((id): id is string => typeof id === 'string') : undefined;
    return { ...user, purpose, caseId, caseHouseholdIds, requestId: payload.jti! };
  } catch (error) {
    throw explain(error, 'Internal token');
  }
}
