import type { Masking } from './masking';
import type { Purpose, Role } from './identity';

export const OUTCOMES = ['CLEAR', 'MASKED', 'DERIVED', 'DENIED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The columns of ACCESS-POLICY.md's table, in its order; each purpose belongs to one department. */
export const POLICY_COLUMNS = [
  'POPULATION_ADMINISTRATION',
  'HOUSING_ADMINISTRATION',
  'SUBSISTENCE_REVIEW',
  'FLOATING_POPULATION_MANAGEMENT',
  'CASE_INVESTIGATION',
  'GRID_SERVICE',
  'ACCESS_AUDIT',
] as const satisfies readonly Purpose[];

/** Whose data a field belongs to: decides the jurisdiction check and the audit subject. */
export type Subject = 'person' | 'none';

export interface FieldRule {
  /** The field class recorded in the audit log, e.g. `person.identity`. */
  fieldClass: string;
  outcomes: Readonly<Record<Purpose, Outcome>>;
  mask?: Masking;
  /**
   * The roles that may use the field at all, whatever the purpose allows (issue #15: who records workflow steps,
   * who opens cases, who sees lists rather than one record); every role when absent. Another role is refused with
   * FORBIDDEN, and the refusal is audited.
   */
  roles?: readonly Role[];
}

/** `Type.field` (or `Type.*` for purely structural types) → rule. A field without an entry is denied and fails the build. */
export type DepartmentPolicy = Readonly<Record<string, FieldRule>>;

export type PolicyColumn = (typeof POLICY_COLUMNS)[number];

/** One cell of the table: C clear, M masked, D derived, X denied. */
export type PolicyCell = 'C' | 'M' | 'D' | 'X';

/** One row of the table, cell by purpose: every column named once, none left out, none unknown. */
export type PolicyCells = Readonly<Record<PolicyColumn, PolicyCell>>;

const CELL_OUTCOMES: Readonly<Record<PolicyCell, Outcome>> = { C: 'CLEAR', M: 'MASKED', D: 'DERIVED', X: 'DENIED' };

/**
 * One row of the policy table, each purpose named: `row('person.idNumber', { POPULATION_ADMINISTRATION: 'C', …,
 * ACCESS_AUDIT: 'M' }, 'idNumber')`. A purpose left out or one that is not a column of POLICY_COLUMNS stops the
 * subgraph at start-up (rows are built when its policy.ts loads), as does a masked cell without a masking format.
 */
export function row(fieldClass: string, cells: PolicyCells, mask?: Masking): FieldRule {
  const columns: readonly string[] = POLICY_COLUMNS;
  const unknown = Object.keys(cells).filter((purpose) => !columns.includes(purpose));
  if (unknown.length > 0) throw new Error(`policy row ${fieldClass}: unknown purpose ${unknown.join(', ')} (the columns are ${POLICY_COLUMNS.join(', ')})`);
  const missing = POLICY_COLUMNS.filter((purpose) => !Object.prototype.hasOwnProperty.call(cells, purpose));
  if (missing.length > 0) throw new Error(`policy row ${fieldClass}: missing purpose ${missing.join(', ')} (every row names all ${POLICY_COLUMNS.length} columns)`);
  const outcomes = {} as Record<Purpose, Outcome>;
  for (const purpose of POLICY_COLUMNS) {
    const outcome = Object.prototype.hasOwnProperty.call(CELL_OUTCOMES, cells[purpose]) ? CELL_OUTCOMES[cells[purpose]] : undefined;
    if (!outcome) throw new Error(`policy row ${fieldClass}: unknown cell "${cells[purpose]}" for ${purpose} (use C, M, D or X)`);
    outcomes[purpose] = outcome;
  }
  if (Object.values(outcomes).includes('MASKED') && !mask) throw new Error(`policy row ${fieldClass} masks but names no masking format`);
  return { fieldClass, outcomes, mask };
}

/** The same rule, for the named roles only: `forRoles(APPLICATION, ['OFFICER', 'SUPERVISOR'])`. */
export function forRoles(rule: FieldRule, roles: readonly Role[]): FieldRule {
  if (roles.length === 0) throw new Error(`policy row ${rule.fieldClass}: forRoles needs at least one role`);
  return { ...rule, roles };
}

/** A department's staff who handle casework: its officers and their supervisors (not grid workers or auditors). */
export const CASEWORK_ROLES: readonly Role[] = ['OFFICER', 'SUPERVISOR'];

/** The same cell for every purpose (structure, or a field every purpose sees the same way). */
export function everyPurpose(cell: PolicyCell): PolicyCells {
  return Object.fromEntries(POLICY_COLUMNS.map((purpose) => [purpose, cell])) as Record<PolicyColumn, PolicyCell>;
}

/** Structure that carries no personal data by itself (ids, page info, connection wrappers). */
export const STRUCTURE = row('structure', everyPurpose('C'));

export function outcomeFor(rule: FieldRule, purpose: Purpose): Outcome {
  return rule.outcomes[purpose] ?? 'DENIED';
}

/** Prints a department's policy as a Markdown table (the reviewed snapshot). */
export function printPolicy(name: string, policy: DepartmentPolicy): string {
  const header = `| ${name} field | class | ${POLICY_COLUMNS.join(' | ')} |`;
  const divider = `|${'---|'.repeat(POLICY_COLUMNS.length + 2)}`;
  const rows = Object.keys(policy)
    .sort()
    .map((key) => {
      const rule = policy[key];
      return `| ${key} | ${rule.fieldClass}${rule.roles ? ` (${rule.roles.join(', ')} only)` : ''} | ${POLICY_COLUMNS.map((purpose) => rule.outcomes[purpose] + (rule.outcomes[purpose] === 'MASKED' ? ` (${rule.mask})` : '')).join(' | ')} |`;
    });
  return [header, divider, ...rows].join('\n');
}

/** A department's policy as its subgraph enforces it. */
export interface SubgraphPolicy {
  /** `Type.field` or `Type.*` → rule; every field of the subgraph's schema needs one. */
  fields: DepartmentPolicy;
  /** The person a value of a type is about: the audit subject. */
  subjects?: Readonly<Record<string, (value: any) => string | null | undefined>>;
  /**
   * Where a value of a type lives, when this subgraph can tell (undefined: it cannot, the owner checks).
   * Checked on entity references (where undefined means refused) and on values fields return.
   */
  scopes?: Readonly<Record<string, (value: any) => import('./scope').Scope | undefined>>;
}
