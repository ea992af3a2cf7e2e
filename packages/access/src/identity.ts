import { JURISDICTION_PATTERN } from '@hub/domain';
import { ErrorCode, HubError } from './errors';

import { DEPARTMENTS, type Department } from '@hub/topology';

export { DEPARTMENTS, type Department };

export const ROLES = ['OFFICER', 'GRID_WORKER', 'SUPERVISOR', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

/** The verified claims of a user's JWT. */
export interface UserIdentity {
  sub: string;
  name: string;
  dept: Department;
  role: Role;
  /** Code prefix: 6-digit district, 9-digit street, 12-digit community, or a 15-digit grid code. */
  jurisdiction: string;
}

/** What the gateway tells a subgraph about one request, signed in the internal token. */
export interface RequestIdentity extends UserIdentity {
  purpose: Purpose;
  caseId?: string;
  /**
   * For 低保 cases: the households whose open applications civil affairs confirmed — one for a case named in
   * X-Case-Id, one per open application of a batch review (`subsistenceChecks`).
   */
  caseHouseholdIds?: string[];
  requestId: string;
}

export const PURPOSES = {
  POPULATION_ADMINISTRATION: { label: '人口信息管理', departments: ['POPULATION'], caseRequired: false },
  HOUSING_ADMINISTRATION: { label: '房屋信息管理', departments: ['HOUSING'], caseRequired: false },
  SUBSISTENCE_REVIEW: { label: '低保审核·家庭经济状况核对', departments: ['CIVIL_AFFAIRS'], caseRequired: true },
  FLOATING_POPULATION_MANAGEMENT: { label: '流动人口服务管理', departments: ['PUBLIC_SECURITY'], caseRequired: false },
  CASE_INVESTIGATION: { label: '案件侦查', departments: ['PUBLIC_SECURITY'], caseRequired: true },
  GRID_SERVICE: { label: '网格服务管理', departments: ['GRID'], caseRequired: false },
  ACCESS_AUDIT: { label: '访问审计', departments: ['AUDIT'], caseRequired: false },
} as const satisfies Record<string, { label: string; departments: readonly Department[]; caseRequired: boolean }>;
export type Purpose = keyof typeof PURPOSES;

export function isPurpose(value: string): value is Purpose {
  return Object.prototype.hasOwnProperty.call(PURPOSES, value);
}

/**
 * Most applications one batch-review request (`subsistenceChecks`) may name. Each is its own case, and their
 * households travel in the internal token to every subgraph of the plan, so this keeps the token well inside
 * an HTTP header; `npm run review` sends chunks of this size.
 */
export const MAX_BATCH_REVIEW_APPLICATIONS = 250;

/** What X-Case-Id may hold: a 低保 application id, or a police case number as the case system issued it. */
export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-:.]{0,63}$/;

/**
 * Checks the purpose and case headers against the caller's department; returns the checked values or
 * throws the contract's error. Whether a case is *open* is decided by the department that owns it.
 */
export function checkPurpose(
  user: UserIdentity,
  purposeHeader: string | undefined,
  caseHeader: string | undefined,
  /** The operation creates the case (e.g. opens the application), so it cannot name one yet. */
  caseExempt = false,
): { purpose: Purpose; caseId?: string } {
  const purpose = purposeHeader?.trim();
  if (!purpose) throw new HubError(ErrorCode.PURPOSE_REQUIRED, 'Every request must name its purpose in the X-Purpose header (see ACCESS-POLICY.md)');
  if (!isPurpose(purpose)) {
    throw new HubError(ErrorCode.PURPOSE_NOT_ALLOWED, `Unknown purpose "${purpose.slice(0, 64)}"; known purposes: ${Object.keys(PURPOSES).join(', ')}`);
  }
  const rule = PURPOSES[purpose];
  if (!(rule.departments as readonly string[]).includes(user.dept)) {
    throw new HubError(ErrorCode.PURPOSE_NOT_ALLOWED, `Purpose ${purpose} is not allowed for department ${user.dept}`);
  }
  const caseId = caseHeader?.trim() || undefined;
  if (rule.caseRequired && !caseId && !caseExempt) throw new HubError(ErrorCode.CASE_REQUIRED, `Purpose ${purpose} needs a case: set the X-Case-Id header`);
  if (caseId && !CASE_ID_PATTERN.test(caseId)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'X-Case-Id must be 1–64 letters, digits, or _ - : . characters');
  }
  return { purpose, caseId };
}

/** Validates the identity claims of a token; throws UNAUTHENTICATED naming the bad claim. */
export function parseUserIdentity(claims: Record<string, unknown>): UserIdentity {
  const fail = (what: string): never => {
    throw new HubError(ErrorCode.UNAUTHENTICATED, `Token claim ${what}`);
  };
  const { sub, name, dept, role, jurisdiction } = claims;
  if (typeof sub !== 'string' || !sub) fail('sub is missing');
  if (typeof dept !== 'string' || !(DEPARTMENTS as readonly string[]).includes(dept)) fail(`dept must be one of ${DEPARTMENTS.join(', ')}`);
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) fail(`role must be one of ${ROLES.join(', ')}`);
  if (typeof jurisdiction !== 'string' || !JURISDICTION_PATTERN.test(jurisdiction)) fail('jurisdiction must be a 6, 9, 12 or 15 digit code');
  return { sub: sub as string, name: typeof name === 'string' ? name : (sub as string), dept: dept as Department, role: role as Role, jurisdiction: jurisdiction as string };
}
