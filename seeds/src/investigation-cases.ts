/**
 * 案件登记: the police cases of the demo district, so that CASE_INVESTIGATION has real cases to name (issue #15
 * part 4). Two district-wide cases and one of the first street are open; one is closed. Their 涉案人员 are the
 * district's first key persons, in the order the grids generate them.
 */
import { DISTRICT } from '@hub/domain';
import type { RegionPlan } from './regions';
import type { Row } from './tables';

interface SeededCase {
  caseNumber: string;
  summary: string;
  /** The district, or its first street. */
  level: 'DISTRICT' | 'FIRST_STREET';
  openedOn: string;
  closedOn: string | null;
  subjects: number;
}

export const SEEDED_INVESTIGATION_CASES: readonly SeededCase[] = [
  { caseNumber: 'XJ-2026-0042', summary: '系列入室盗窃案', level: 'DISTRICT', openedOn: '2026-09-15', closedOn: null, subjects: 3 },
  { caseNumber: 'JN-2026-0107', summary: '电信网络诈骗案', level: 'DISTRICT', openedOn: '2026-10-08', closedOn: null, subjects: 2 },
  { caseNumber: 'JN-2026-0131', summary: '拎包扒窃案', level: 'FIRST_STREET', openedOn: '2026-11-02', closedOn: null, subjects: 1 },
  { caseNumber: 'XJ-2025-0311', summary: '偷盗机动车案（已破）', level: 'DISTRICT', openedOn: '2025-12-01', closedOn: '2026-06-30', subjects: 1 },
];

/** How many key persons the seeded cases name in all. */
export const SEEDED_CASE_SUBJECTS = SEEDED_INVESTIGATION_CASES.reduce((sum, seeded) => sum + seeded.subjects, 0);

export function jurisdictionOf(seeded: SeededCase, regions: RegionPlan): string {
  return seeded.level === 'DISTRICT' ? DISTRICT.code : regions.streets[0].code;
}

export function investigationCaseRows(regions: RegionPlan): Row[] {
  return SEEDED_INVESTIGATION_CASES.map((seeded) => ({
    case_number: seeded.caseNumber,
    summary: seeded.summary,
    jurisdiction: jurisdictionOf(seeded, regions),
    opened_by: 'ps-seed-officer',
    opened_by_name: '王建国',
    opened_on: seeded.openedOn,
    closed_on: seeded.closedOn,
    closed_by: seeded.closedOn ? 'ps-seed-officer' : null,
    closing_reason: seeded.closedOn ? '案件已破，移送起诉' : null,
  }));
}

/** The case the n-th subject (counting from 0 over the district) belongs to, or undefined once all are named. */
export function caseOfSubject(n: number): string | undefined {
  let remaining = n;
  for (const seeded of SEEDED_INVESTIGATION_CASES) {
    if (remaining < seeded.subjects) return seeded.caseNumber;
    remaining -= seeded.subjects;
  }
  return undefined;
}
