import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ErrorCode, HubError } from './errors';
import { parseUserIdentity, type UserIdentity } from './identity';
import { USER_TOKEN_ALGORITHM, USER_TOKEN_ISSUER } from './tokens';

/**
 * How the gateway trusts the district's identity provider (issue #13 part 1): whose keys sign user JWTs (a JWKS by
 * URL, cached and refreshed, or a file, with key ids honoured; or one PEM key), which issuer and audience they carry,
 * which algorithms are accepted, how much clock skew is forgiven, and which claims hold the department, role,
 * jurisdiction and name. Read once, at start, from the environment (docs/operations.md lists the variables).
 */
export interface IdentityProviderConfig {
  issuer: string;
  audience: string | undefined;
  algorithms: readonly string[];
  clockToleranceSeconds: number;
  keys: { kind: 'jwks-url'; url: URL } | { kind: 'jwks-file'; path: string } | { kind: 'pem'; key: KeyObject };
  /** Claim name (a dotted path into nested claims, e.g. `gridhub.dept`) for each identity field. */
  claims: { dept: string; role: string; jurisdiction: string; name: string };
}

/** Asymmetric algorithms only: a shared-secret (HS*) token could be minted by anyone holding the verifying key, and `none` by anyone. */
export const ACCEPTABLE_USER_TOKEN_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const CLAIM_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/**
 * The identity provider's settings from the environment, each bad value refused with the variable's name. Without
 * USER_JWKS_URL or USER_JWKS_PATH the PEM key is used (`defaultPem`: USER_JWT_PUBLIC_KEY or the development key).
 */
export function identityProviderFromEnv(env: NodeJS.ProcessEnv, defaultPem: () => string): IdentityProviderConfig {
  const problem = (variable: string, text: string): never => {
    throw new Error(`${variable} ${text}`);
  };
  const value = (name: string) => env[name]?.trim() || undefined;

  const algorithms = (value('USER_JWT_ALGORITHMS') ?? USER_TOKEN_ALGORITHM).split(',').map((a) => a.trim());
  for (const algorithm of algorithms) {
    if (!(ACCEPTABLE_USER_TOKEN_ALGORITHMS as readonly string[]).includes(algorithm)) {
      problem('USER_JWT_ALGORITHMS', `names "${algorithm}"; accepted are ${ACCEPTABLE_USER_TOKEN_ALGORITHMS.join(', ')} (never HS* or none)`);
    }
  }
  const skewText = value('USER_JWT_CLOCK_SKEW_SECONDS') ?? '30';
  const clockToleranceSeconds = Number(skewText);
  if (!Number.isInteger(clockToleranceSeconds) || clockToleranceSeconds < 0 || clockToleranceSeconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    problem('USER_JWT_CLOCK_SKEW_SECONDS', `must be a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}; got "${skewText}"`);
  }
  const claim = (field: string, fallback: string) => {
    const variable = `USER_JWT_CLAIM_${field.toUpperCase()}`;
    const path = value(variable) ?? fallback;
    if (!CLAIM_PATH.test(path)) problem(variable, `must be a claim name or a dotted path (e.g. gridhub.${fallback}); got "${path}"`);
    return path;
  };
  const jwksUrl = value('USER_JWKS_URL');
  const jwksPath = value('USER_JWKS_PATH');
  if (jwksUrl && jwksPath) problem('USER_JWKS_URL', 'and USER_JWKS_PATH are both set; name one source of keys');
  let keys: IdentityProviderConfig['keys'];
  if (jwksUrl) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUrl);
    } catch {
      problem('USER_JWKS_URL', `is not a URL: "${jwksUrl}"`);
    }
    if (url!.protocol !== 'https:' && !(url!.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url!.hostname))) {
      problem('USER_JWKS_URL', 'must use https (plain http only on this machine)');
    }
    keys = { kind: 'jwks-url', url: url! };
  } else if (jwksPath) {
    keys = { kind: 'jwks-file', path: jwksPath };
  } else {
    keys = { kind: 'pem', key: createPublicKey(defaultPem()) };
  }
  return {
    issuer: value('USER_JWT_ISSUER') ?? USER_TOKEN_ISSUER,
    audience: value('USER_JWT_AUDIENCE'),
    algorithms,
    clockToleranceSeconds,
    keys,
    claims: { dept: claim('dept', 'dept'), role: claim('role', 'role'), jurisdiction: claim('jurisdiction', 'jurisdiction'), name: claim('name', 'name') },
  };
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function explain(error: unknown): HubError {
  if (error instanceof HubError) return error;
  if (error instanceof joseErrors.JWTExpired) return new HubError(ErrorCode.UNAUTHENTICATED, 'Bearer token has expired');
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return new HubError(ErrorCode.UNAUTHENTICATED, 'Bearer token uses an algorithm that is not accepted');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new HubError(ErrorCode.UNAUTHENTICATED, 'Bearer token has an invalid signature');
  if (error instanceof joseErrors.JWKSNoMatchingKey) return new HubError(ErrorCode.UNAUTHENTICATED, "Bearer token's key id is not among the identity provider's keys");
  if (error instanceof joseErrors.JWTClaimValidationFailed) return new HubError(ErrorCode.UNAUTHENTICATED, `Bearer token failed claim check: ${error.claim}`);
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return new HubError(ErrorCode.UNAUTHENTICATED, "The identity provider's keys could not be read; try again shortly");
  }
  return new HubError(ErrorCode.UNAUTHENTICATED, 'Bearer token is malformed');
}

export type UserTokenVerifier = (token: string) => Promise<UserIdentity>;

/**
 * Verifies a user JWT as the configured identity provider issues it: signature by a key of its set (by `kid`),
 * an accepted algorithm, issuer, audience, `exp` and `nbf` within the clock tolerance, then the mapped claims.
 * A JWKS by URL is fetched on first use, kept 10 minutes, and fetched again when a token names a key id it does not
 * know (at most once every 30 s): the provider's key rotation needs no restart.
 */
export function userTokenVerifier(config: IdentityProviderConfig, { jwksCooldownMs = 30_000 } = {}): UserTokenVerifier {
  const key: KeyObject | JWTVerifyGetKey =
    config.keys.kind === 'pem'
      ? config.keys.key
      : config.keys.kind === 'jwks-file'
        ? createLocalJWKSet(JSON.parse(readFileSync(config.keys.path, 'utf8')) as JSONWebKeySet)
        : createRemoteJWKSet(config.keys.url, { cacheMaxAge: 10 * 60_000, cooldownDuration: jwksCooldownMs, timeoutDuration: 5000 });
  return async (token) => {
    try {
      const options = {
        algorithms: [...config.algorithms],
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      };
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      const { claims } = config;
      return parseUserIdentity({
        sub: payload.sub,
        dept: claimAt(payload, claims.dept),
        role: claimAt(payload, claims.role),
        jurisdiction: claimAt(payload, claims.jurisdiction),
        name: claimAt(payload, claims.name),
      });
    } catch (error) {
      throw explain(error);
    }
  };
}
