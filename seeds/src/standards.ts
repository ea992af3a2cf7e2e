/**
 * 低保 standards for 津南区 as dated configuration rows (domain.md §4: "make it a dated configuration row,
 * not a constant"). Only the 2018 value is verified: 天津 raised the 城乡低保 standard from 860 to 920
 * 元/人·月 in April 2018 (央广网 2018-04-04). Every value after 2018 is ILLUSTRATIVE configuration [I]
 * — confirm the current figure with 天津市民政局 before relying on it.
 */
import { DISTRICT } from '@hub/domain';
import { parseDay, TODAY } from './dates';
import type { Row } from './tables';

export const DWELLING_LIMIT = 1;
export const VEHICLE_RULE = 'NO_NON_EXEMPT_VEHICLE';

export const SUBSISTENCE_STANDARDS: ReadonlyArray<{ effectiveFrom: string; monthly: number; version: string; verified: boolean }> = [
  { effectiveFrom: '2018-04-01', monthly: 920, version: 'TJ-JN-2018-04', verified: true },
  { effectiveFrom: '2024-01-01', monthly: 1010, version: 'TJ-JN-2024-01', verified: false },
  { effectiveFrom: '2025-07-01', monthly: 1050, version: 'TJ-JN-2025-07', verified: false },
];

/** The standard in force on `day`. */
export function standardOn(day: number): number {
  let current = SUBSISTENCE_STANDARDS[0].monthly;
  for (const standard of SUBSISTENCE_STANDARDS) if (parseDay(standard.effectiveFrom) <= day) current = standard.monthly;
  return current;
}

export const CURRENT_STANDARD = standardOn(TODAY);

export function subsistenceStandardRows(): Row[] {
  return SUBSISTENCE_STANDARDS.map((standard) => ({
    region_code: DISTRICT.code,
    effective_from: standard.effectiveFrom,
    monthly_standard: standard.monthly.toFixed(2),
    dwelling_limit: DWELLING_LIMIT,
    vehicle_rule: VEHICLE_RULE,
    version: standard.version,
  }));
}

/** 特困人员 basic support is set above 低保 (1.3× here) [I]. */
export const TEKUN_MONTHLY = Math.round(CURRENT_STANDARD * 1.3);
/** 困难残疾人生活补贴 and 重度残疾人护理补贴, illustrative amounts [I]. */
export const DISABILITY_LIVING_ALLOWANCE = 100;
export const DISABILITY_CARE_ALLOWANCE = 100;
/** Tianjin minimum monthly wage, illustrative [I]. */
export const MINIMUM_WAGE = 2320;
