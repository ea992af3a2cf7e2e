import { GRID_CODE_PATTERN, REGION_CODE_PATTERN } from '@hub/domain';
import { ErrorCode, HubError } from './errors';
import { checkedDate } from './input';
import type { Department, Purpose, RequestIdentity } from './identity';

/**
 * Cross-department discrepancies the grid center lists (issue #4). Each kind is decided by one department
 * with the other side's facts brought by the gateway (@requires on `DiscrepancyReport`), never by copying
 * another department's table. This table is shared so that every department gates its part the same way.
 */
export const DISCREPANCY_KINDS = {
  /** 人口 records a death; 民政 still pays an ACTIVE benefit to the person. Decided by civil affairs. */
  DECEASED_WITH_ACTIVE_ASSISTANCE: {
    departments: ['POPULATION', 'CIVIL_AFFAIRS'],
    decidedBy: 'civil-affairs',
    purposes: ['GRID_SERVICE'],
  },
  /** 公安's ACTIVE floating registration names another dwelling than 人口's residence. Decided by population. */
  FLOATING_REGISTERED_ELSEWHERE: {
    departments: ['PUBLIC_SECURITY', 'POPULATION'],
    decidedBy: 'population',
    purposes: ['POPULATION_ADMINISTRATION', 'FLOATING_POPULATION_MANAGEMENT', 'CASE_INVESTIGATION', 'GRID_SERVICE'],
  },
  /** A 低保 household (ACTIVE DIBAO in 民政) whose members own more dwellings than the standard's limit (房屋). Decided by housing. */
  ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS: {
    departments: ['CIVIL_AFFAIRS', 'HOUSING'],
    decidedBy: 'housing',
    purposes: ['GRID_SERVICE'],
  },
  /** A 低保 household whose members own a non-exempt vehicle (公安 车辆). Decided by public security. */
  ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE: {
    departments: ['CIVIL_AFFAIRS', 'PUBLIC_SECURITY'],
    decidedBy: 'public-security',
    purposes: ['GRID_SERVICE'],
  },
  /** An ACTIVE registration whose permit expired or missed its yearly 签注, for a person 人口 still has living there. Decided by population. */
  PERMIT_LAPSED_STILL_REGISTERED: {
    departments: ['PUBLIC_SECURITY', 'POPULATION'],
    decidedBy: 'population',
    purposes: ['POPULATION_ADMINISTRATION', 'FLOATING_POPULATION_MANAGEMENT', 'CASE_INVESTIGATION', 'GRID_SERVICE'],
  },
  /** A current tenant in 房屋 who is FLOATING in 人口 but has no ACTIVE registration in 公安. Decided by public security. */
  TENANT_WITHOUT_FLOATING_REGISTRATION: {
    departments: ['HOUSING', 'POPULATION', 'PUBLIC_SECURITY'],
    decidedBy: 'public-security',
    purposes: ['FLOATING_POPULATION_MANAGEMENT', 'CASE_INVESTIGATION', 'GRID_SERVICE'],
  },
} as const satisfies Record<string, { departments: readonly Department[]; decidedBy: string; purposes: readonly Purpose[] }>;
export type DiscrepancyKind = keyof typeof DISCREPANCY_KINDS;

/**
 * Which purposes see a kind (minimum necessary, ACCESS-POLICY.md principle 7): the grid center gets every kind
 * as a derived fact (kind, departments, record ids); any other purpose only kinds whose every underlying fact it
 * may see already — e.g. POPULATION_ADMINISTRATION sees floatingRegistration and residence, so it gets
 * FLOATING_REGISTERED_ELSEWHERE, but not receivesAssistance, so not DECEASED_WITH_ACTIVE_ASSISTANCE.
 */
export function mayKnowDiscrepancy(purpose: Purpose, kind: DiscrepancyKind): boolean {
  return (DISCREPANCY_KINDS[kind].purposes as readonly Purpose[]).includes(purpose);
}

/** What a discrepancy report is about: the region (already narrowed to the caller's jurisdiction), the date, and the page. */
export interface DiscrepancyReportKey {
  prefix: string;
  asOf: string;
  first: number;
  after: string;
}

/** The entity key of a report: `prefix|asOf|first|after`. */
export function encodeDiscrepancyReportId(key: DiscrepancyReportKey): string {
  return `${key.prefix}|${key.asOf}|${key.first}|${key.after}`;
}

/** Parses a report key; a malformed one (only a forged representation can be) is BAD_USER_INPUT. */
export function decodeDiscrepancyReportId(id: unknown): DiscrepancyReportKey {
  const parts = typeof id === 'string' ? id.split('|') : [];
  const [prefix, asOf, first, ...after] = parts;
  if (parts.length < 4 || !(REGION_CODE_PATTERN.test(prefix) || GRID_CODE_PATTERN.test(prefix)) || !/^\d{1,3}$/.test(first)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'not a discrepancy report id');
  }
  return { prefix, asOf: checkedDate(asOf, 'asOf'), first: Number(first), after: after.join('|') };
}

/** The report's region as a scope: a report is within jurisdiction when its (narrowed) prefix is. */
export function discrepancyReportScope(report: { id: string }): { gridCode: string | null } {
  try {
    return { gridCode: decodeDiscrepancyReportId(report.id).prefix };
  } catch {
    return { gridCode: null };
  }
}

/** The prefix of a report, refused unless it lies within the caller's jurisdiction (never trust a representation). */
export function reportPrefixFor(identity: Pick<RequestIdentity, 'jurisdiction'>, report: DiscrepancyReportKey): string {
  if (!report.prefix.startsWith(identity.jurisdiction)) throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Region ${report.prefix} is outside your jurisdiction ${identity.jurisdiction}`);
  return report.prefix;
}

/**
 * The report's region (within the caller's jurisdiction) and date, when the purpose may know at least one of
 * `kinds`; else null (the department states and decides nothing for it).
 */
export function discrepancyScan(
  identity: Pick<RequestIdentity, 'jurisdiction' | 'purpose'>,
  report: { id: string },
  kinds: DiscrepancyKind | DiscrepancyKind[],
): { prefix: string; asOf: string } | null {
  const key = decodeDiscrepancyReportId(report.id);
  const prefix = reportPrefixFor(identity, key);
  return (Array.isArray(kinds) ? kinds : [kinds]).some((kind) => mayKnowDiscrepancy(identity.purpose, kind)) ? { prefix, asOf: key.asOf } : null;
}
