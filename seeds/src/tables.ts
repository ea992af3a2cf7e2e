import { SUBGRAPHS, type SubgraphName } from '@hub/topology';
import { EVENT_HISTORY_SQL } from './event-history';

/**
 * The tables the seed fills, by department, in load order (a parent before the tables that reference it).
 * Columns mirror the checked-in migrations in subgraphs/<department>/src/migrations; identity ids are left
 * to the database so its sequences stay in step with rows the subgraphs add later.
 */
export type Department = SubgraphName;

export const DEPARTMENTS: readonly Department[] = SUBGRAPHS.map((subgraph) => subgraph.name);

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface TableSpec {
  key: TableKey;
  department: Department;
  table: string;
  columns: readonly string[];
}

function spec<K extends string>(key: K, department: Department, table: string, columns: readonly string[]) {
  return { key, department, table, columns } as const;
}

export const TABLE_SPECS = [
  spec('region', 'grid', 'region', ['code', 'name', 'level', 'parent_code']),
  spec('grid', 'grid', 'grid', ['code', 'name', 'region_code']),
  spec('grid_worker', 'grid', 'grid_worker', ['id', 'grid_code', 'name', 'phone', 'role']),
  spec('dwelling_grid', 'grid', 'dwelling_grid', ['dwelling_id', 'grid_code', 'assigned_on']),
  // id: an identity the database assigns; person_ids: its default (no one named); the step history: EVENT_HISTORY_SQL after the load.
  spec('grid_event', 'grid', 'grid_event', [
    'category_code',
    'grid_code',
    'address',
    'dwelling_id',
    'description',
    'priority',
    'status',
    'reporter_sub',
    'reporter_name',
    'reported_at',
    'accepted_at',
    'return_reason',
    'assigned_department',
    'dispatched_at',
    'sla_hours',
    'deadline',
    'started_at',
    'handled_at',
    'handling_result',
    'closed_at',
    'followed_up_at',
    'satisfaction',
    'follow_up_note',
    'escalation_count',
    'escalated_at',
    'escalation_note',
    'version',
    'updated_at',
  ]),
  spec('household', 'population', 'household', ['id', 'household_number', 'hukou_region_code', 'dwelling_id', 'grid_code', 'registered_on']),
  spec('person', 'population', 'person', [
    'id',
    'id_number',
    'name',
    'gender',
    'birth_date',
    'ethnicity',
    'phone',
    'population_type',
    'hukou_region_code',
    'death_date',
    'household_id',
    'relation_to_head',
    'lives_with_household',
    'residence_dwelling_id',
    'residence_grid_code',
    'residence_since',
  ]),
  spec('dwelling', 'housing', 'dwelling', ['id', 'address_code', 'address', 'building_use', 'area', 'region_code', 'grid_code']),
  spec('ownership', 'housing', 'ownership', ['dwelling_id', 'owner_person_id', 'share', 'registered_on']),
  spec('tenancy', 'housing', 'tenancy', ['dwelling_id', 'tenant_person_id', 'landlord_person_id', 'rental_use', 'start_on', 'end_on']),
  spec('subsistence_standard', 'civil-affairs', 'subsistence_standard', ['region_code', 'effective_from', 'monthly_standard', 'dwelling_limit', 'vehicle_rule', 'version']),
  spec('assistance_record', 'civil-affairs', 'assistance_record', ['person_id', 'household_id', 'kind', 'monthly_amount', 'start_on', 'end_on', 'status', 'grid_code']),
  spec('disability_certificate', 'civil-affairs', 'disability_certificate', ['person_id', 'certificate_number', 'category', 'level', 'issued_on', 'valid_until']),
  spec('income_declaration', 'civil-affairs', 'income_declaration', ['person_id', 'month', 'amount', 'source']),
  spec('assistance_application', 'civil-affairs', 'assistance_application', [
    'id',
    'applicant_person_id',
    'household_id',
    'kind',
    'status',
    'authorization_on_file',
    'applied_on',
    'verified_on',
    'investigated_on',
    'publicized_on',
    'decided_on',
    'decision_reason',
    'grid_code',
    'authorization_document_number',
    'authorization_signed_on',
    'authorization_file_sha256',
  ]),
  spec('floating_registration', 'public-security', 'floating_registration', [
    'id',
    'person_id',
    'dwelling_id',
    'grid_code',
    'hukou_region_code',
    'inflow_reason',
    'residence_type',
    'permit_type',
    'permit_number',
    'registered_on',
    'permit_expires_on',
    'last_endorsed_on',
    'status',
    'registrant_name',
    'landlord_person_id',
  ]),
  spec('vehicle', 'public-security', 'vehicle', ['id', 'plate_number', 'plate_type', 'vehicle_type', 'owner_person_id', 'exempt', 'exempt_reason', 'registered_on']),
  spec('key_person', 'public-security', 'key_person', ['id', 'person_id', 'category', 'attention_level', 'registered_on', 'grid_code', 'active']),
  // The case before its subjects: each flush copies in this order, and a subject names its case by foreign key.
  spec('investigation_case', 'public-security', 'investigation_case', [
    'case_number',
    'summary',
    'jurisdiction',
    'opened_by',
    'opened_by_name',
    'opened_on',
    'closed_on',
    'closed_by',
    'closing_reason',
  ]),
  spec('investigation_case_subject', 'public-security', 'investigation_case_subject', ['case_number', 'person_id']),
] as const;

export type TableKey = (typeof TABLE_SPECS)[number]['key'];

/**
 * Rows derived inside a department's database from rows just copied, in the load's transaction: after each COPY of
 * `from`, `sql` runs with $1 = the highest `from.id` before that COPY (ids are identities the database assigns).
 */
export interface DerivedTable {
  table: string;
  from: TableKey;
  sql: string;
}

export const DERIVED_AFTER_COPY: Partial<Record<Department, readonly DerivedTable[]>> = {
  grid: [{ table: 'grid_event_step', from: 'grid_event', sql: EVENT_HISTORY_SQL }],
};

export const TABLES: Readonly<Record<TableKey, TableSpec>> = Object.fromEntries(TABLE_SPECS.map((table) => [table.key, table])) as Record<TableKey, TableSpec>;

export const TABLE_KEYS: readonly TableKey[] = TABLE_SPECS.map((table) => table.key);

/**
 * Tables the seed does not fill but empties with the district it replaces: the corrections of 纠错回流 (ADR 0013)
 * name the district's records by id, and a new district reuses those ids for other records.
 */
export const CLEARED_WITH_DISTRICT: Readonly<Partial<Record<Department, readonly string[]>>> = {
  grid: ['correction_request_history', 'correction_request'],
  population: ['person_correction'],
  housing: ['tenancy_correction'],
  'public-security': ['registration_correction'],
};

export function tablesOf(department: Department): TableSpec[] {
  return TABLE_SPECS.filter((table) => table.department === department);
}

/** Rows of some tables, as one generation step produced them. */
export type TableRows = Partial<Record<TableKey, Row[]>>;

export function emptyCounts(): Record<TableKey, number> {
  return Object.fromEntries(TABLE_KEYS.map((key) => [key, 0])) as Record<TableKey, number>;
}
