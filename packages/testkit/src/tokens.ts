import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, gridhubHome, loadPrivateKey, signInternalToken, signUserToken, type Department, type Purpose, type RequestIdentity, type Role, type UserIdentity } from '@hub/access';

export interface TestUser {
  dept: Department;
  jurisdiction: string;
  role?: Role;
  sub?: string;
  name?: string;
}

function toIdentity(user: TestUser): UserIdentity {
  return { sub: user.sub ?? `test-${user.dept.toLowerCase()}`, name: user.name ?? `测试${user.dept}`, dept: user.dept, role: user.role ?? 'OFFICER', jurisdiction: user.jurisdiction };
}

/** A user JWT as `npm run token` would print it. */
export function userToken(user: TestUser, ttlSeconds?: number): Promise<string> {
  return signUserToken(loadPrivateKey(gridhubHome(), 'user'), toIdentity(user), ttlSeconds);
}

/** What `internalToken` returns: not a token, the identity a test asks as; `asGateway` signs it per request. */
const IDENTITY_PREFIX = 'gridhub-test-identity.';

/**
 * The gateway's internal token, for calling a subgraph directly in tests. A subgraph accepts a token only for
 * itself, bound to one request, once; so this is the identity to ask as, and `postGraphQL` (or `asGateway`, for
 * any other request) signs a token for each request as the gateway does. A subgraph refuses the value as it is.
 */
export async function internalToken(user: TestUser & { purpose: Purpose; caseId?: string; caseHouseholdIds?: string[]; requestId?: string }): Promise<string> {
  const identity: RequestIdentity = { ...toIdentity(user), purpose: user.purpose, caseId: user.caseId, caseHouseholdIds: user.caseHouseholdIds, requestId: user.requestId ?? randomUUID() };
  return `${IDENTITY_PREFIX}${Buffer.from(JSON.stringify(identity)).toString('base64url')}`;
}

/** Which subgraph answers at a URL, as its liveness check says (subgraphs in tests run on any port). */
const subgraphNames = new Map<string, Promise<string>>();

function subgraphAt(url: URL): Promise<string> {
  let name = subgraphNames.get(url.origin);
  if (!name) {
    name = fetch(new URL('/health/live', url))
      .then((response) => response.json() as Promise<{ subgraph?: unknown }>)
      .then((body) => {
        if (typeof body.subgraph !== 'string') throw new Error(`${url.origin} is not a subgraph`);
        return body.subgraph;
      });
    name.catch(() => subgraphNames.delete(url.origin));
    subgraphNames.set(url.origin, name);
  }
  return name;
}

/**
 * The headers of one direct request to a subgraph, with an `internalToken` identity turned into the token the
 * gateway would send: for the subgraph at `url`, bound to `body` (a POST) or to the path and query (a GET).
 * Any other header value — a forged, expired or captured token — is sent as given.
 */
export async function asGateway(url: string | URL, headers: Record<string, string>, body?: string): Promise<Record<string, string>> {
  const value = headers[INTERNAL_TOKEN_HEADER];
  if (!value?.startsWith(IDENTITY_PREFIX)) return headers;
  const identity = JSON.parse(Buffer.from(value.slice(IDENTITY_PREFIX.length), 'base64url').toString('utf8')) as RequestIdentity;
  const target = new URL(url);
  const bound = body ?? `${target.pathname}${target.search}`;
  const token = await signInternalToken(loadPrivateKey(gridhubHome(), 'internal'), identity, { subgraph: await subgraphAt(target), bound });
  return { ...headers, [INTERNAL_TOKEN_HEADER]: token };
}
