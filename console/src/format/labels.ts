/** Chinese names of the hub's own codes (departments, roles, error codes) and of the national code tables. */
import {
  APPLICATION_STATUS,
  ASSISTANCE_END_REASON,
  ASSISTANCE_KIND,
  ASSISTANCE_STATUS,
  ATTENTION_LEVEL,
  BUILDING_USE,
  DISABILITY_CATEGORY,
  ETHNICITY,
  FAMILY_RELATION,
  FLOATING_CANCELLATION_REASON,
  GENDER,
  INFLOW_REASON,
  KEY_PERSON_CATEGORY,
  PERMIT_TYPE,
  PLATE_TYPE,
  POPULATION_TYPE,
  RENTAL_USE,
  RESIDENCE_TYPE,
  VEHICLE_TYPE,
  type CodeTable,
} from '@domain/codes';
import type { Department } from '@topology/departments';

export const CODE_TABLES = {
  gender: GENDER,
  ethnicity: ETHNICITY,
  familyRelation: FAMILY_RELATION,
  populationType: POPULATION_TYPE as CodeTable,
  inflowReason: INFLOW_REASON,
  residenceType: RESIDENCE_TYPE,
  permitType: PERMIT_TYPE,
  buildingUse: BUILDING_USE,
  rentalUse: RENTAL_USE,
  attentionLevel: ATTENTION_LEVEL,
  keyPersonCategory: KEY_PERSON_CATEGORY,
  plateType: PLATE_TYPE,
  vehicleType: VEHICLE_TYPE,
  assistanceKind: ASSISTANCE_KIND,
  assistanceStatus: ASSISTANCE_STATUS,
  assistanceEndReason: ASSISTANCE_END_REASON,
  floatingCancellationReason: FLOATING_CANCELLATION_REASON,
  disabilityCategory: DISABILITY_CATEGORY,
  applicationStatus: APPLICATION_STATUS,
} satisfies Record<string, CodeTable>;

export type CodeTableName = keyof typeof CODE_TABLES;

/** "务工" for inflowReason "01"; an unknown code is shown as itself so nothing is hidden. */
export function codeLabel(table: CodeTableName, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return CODE_TABLES[table][code] ?? code;
}

/** [{ value, label }] for a select of one code table, in code order; a national table's code is shown too, the hub's own words (e.g. a reason) are not. */
export function codeOptions(table: CodeTableName, showCode = true): { value: string; label: string }[] {
  return Object.entries(CODE_TABLES[table]).map(([value, label]) => ({ value, label: showCode ? `${label}（${value}）` : label }));
}

/** Every department of @hub/topology in words (a department added there without a label here fails the console's build). */
export const DEPARTMENT_LABELS: Record<Department, string> = {
  POPULATION: '人口（户籍）',
  HOUSING: '房屋',
  CIVIL_AFFAIRS: '民政',
  PUBLIC_SECURITY: '公安',
  GRID: '网格中心',
  AUDIT: '审计',
};

export const ROLE_LABELS: Record<string, string> = {
  OFFICER: '经办人员',
  GRID_WORKER: '网格员',
  SUPERVISOR: '负责人',
  AUDITOR: '审计员',
};

export function departmentLabel(code: string | null | undefined): string {
  return code ? ((DEPARTMENT_LABELS as Record<string, string>)[code] ?? code) : '—';
}
