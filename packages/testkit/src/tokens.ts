import { randomUUID } from 'node:crypto';
import { gridhubHome, loadPrivateKey, signInternalToken, signUserToken, type Department, type Purpose, type RequestIdentity, type Role, type UserIdentity } from '@hub/access';

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

/** The gateway's internal token, for calling a subgraph directly in tests. */
export function internalToken(user: TestUser & { purpose: Purpose; caseId?: string; caseHouseholdIds?: string[]; requestId?: string }): Promise<string> {
  const identity: RequestIdentity = { ...toIdentity(user), purpose: user.purpose, caseId: user.caseId, caseHouseholdIds: user.caseHouseholdIds, requestId: user.requestId ?? randomUUID() };
  return signInternalToken(loadPrivateKey(gridhubHome(), 'internal'), identity);
}
