import { inScope, type RequestIdentity } from '@hub/access';

export interface AccessEvent {
  requestId: string;
  userSub: string;
  /** The caller's display name, as the signed token gives it. */
  userName?: string;
  department: string;
  role: string;
  purpose: string;
  caseId?: string;
  subject?: string;
  fieldClasses: string[];
  outcome: string;
}

/** One outcome of a request on one type, with the field classes that get it. */
export interface OutcomeGroup {
  outcome: string;
  fieldClasses: string[];
}

/**
 * What a request will do with each GraphQL type, known from its selection and the policy before anything is read:
 * per type name, the outcomes of the guarded fields it selects on that type (structural fields are not audited).
 */
export type AuditPlan = ReadonlyMap<string, readonly OutcomeGroup[]>;

/**
 * Whose data one SQL read returns, for the access events it writes in the same statement:
 * - `keys`: the subjects the read was asked about (a reference's facts, found or not: "owns no dwelling" is a fact
 *   about that person too);
 * - `subjectColumn`: the rows' own subject (a person's id), read from each row;
 * - neither: the type has no subject (a household, a dwelling); one subject-less event per outcome when anything was read.
 * `gridCodeColumn`/`householdIdColumn`, when given, are the rows' scope: rows outside the caller's jurisdiction are
 * logged OUT_OF_JURISDICTION instead of with the selected field classes (policy withholds them after the read);
 * `gridCodeFallbackColumn` is the scope of a row whose grid code is null (a dwelling not yet placed in a grid: its community).
 */
export interface AuditedRead {
  /** The type the rows answer; several when the same rows and subjects answer more than one (a member and its person). The first names the OUT_OF_JURISDICTION class. */
  type: string | readonly string[];
  keys?: readonly string[];
  subjectColumn?: string;
  gridCodeColumn?: string;
  gridCodeFallbackColumn?: string;
  householdIdColumn?: string;
  /** Subject-less types the same rows answer (e.g. `Query` for a root look-up): their events once, when anything in scope was read. */
  alsoFor?: readonly string[];
  /**
   * Only the first `shownRows` rows reach the caller: a page reads one row past its end to know whether there is a
   * next one, and that row is not logged (nobody saw it). The rows are taken in the order the read returns them.
   */
  shownRows?: number;
}

const SEPARATOR = '\u001f';

const typesOf = (read: AuditedRead): readonly string[] => (typeof read.type === 'string' ? [read.type] : read.type);

/** The class the policy notes when a record of the type is withheld as out of jurisdiction. */
const withheldClass = (types: readonly string[]) => `${types[0].toLowerCase()}.record`;

/** One event per outcome: the subject-less groups of several types, with their field classes together. */
function mergeByOutcome(groups: readonly OutcomeGroup[]): OutcomeGroup[] {
  const byOutcome = new Map<string, Set<string>>();
  for (const { outcome, fieldClasses } of groups) {
    const classes = byOutcome.get(outcome) ?? new Set<string>();
    for (const fieldClass of fieldClasses) classes.add(fieldClass);
    byOutcome.set(outcome, classes);
  }
  return [...byOutcome].map(([outcome, classes]) => ({ outcome, fieldClasses: [...classes].sort() }));
}

/**
 * What one request touched in one subgraph: per subject person and outcome, the field classes. Reads that wrote
 * their own events in their data statement (`inStatement`, `wrote`) are not written again; whatever else the
 * resolvers note — denials, lookups that found nothing, facts not read through an audited statement — is
 * appended before the response leaves, as before.
 */
export class AuditRecorder {
  private readonly notes = new Map<string, Set<string>>();
  private plan: AuditPlan = new Map();
  /** `subject␟outcome␟class` triples already in the log through a data statement ('' = no subject). */
  private readonly written = new Set<string>();
  /** Per type, the subjects whose events a data statement already wrote. */
  private readonly writtenSubjects = new Map<string, Set<string>>();
  /** An audited data statement failed: the response must not leave (fail closed), whatever the resolvers made of it. */
  failure: unknown;
  /** Every audited data statement this request ran, for the subgraph's metrics (its duration, whether it wrote). */
  readonly auditedReads: Array<{ seconds: number; outcome: 'ok' | 'error' }> = [];

  constructor(readonly identity: RequestIdentity) {}

  /** Set once the operation is known, before any resolver runs. */
  setPlan(plan: AuditPlan): void {
    this.plan = plan;
  }

  note(subject: string | null | undefined, fieldClass: string, outcome: string): void {
    if (this.written.size > 0 && this.written.has(`${subject ?? ''}${SEPARATOR}${outcome}${SEPARATOR}${fieldClass}`)) return;
    const key = `${subject ?? ''}${SEPARATOR}${outcome}`;
    let classes = this.notes.get(key);
    if (!classes) this.notes.set(key, (classes = new Set()));
    classes.add(fieldClass);
  }

  private base() {
    const { requestId, sub, name, dept, role, purpose, caseId } = this.identity;
    return { requestId, userSub: sub, userName: name && name !== sub ? name : undefined, department: dept, role, purpose, caseId };
  }

  /** The rows still to append: one per (subject, outcome) noted and not already written by a data statement; none when nothing was. */
  events(): AccessEvent[] {
    const base = this.base();
    const events: AccessEvent[] = [];
    for (const [key, noted] of this.notes) {
      // A resolver notes before its read runs: what the read's statement then wrote is not appended again.
      const classes = [...noted].filter((fieldClass) => !this.written.has(`${key}${SEPARATOR}${fieldClass}`));
      if (classes.length === 0) continue;
      const [subject, outcome] = key.split(SEPARATOR);
      events.push({ ...base, subject: subject || undefined, fieldClasses: classes.sort(), outcome });
    }
    return events;
  }

  /** The parameters of one audited read's events: the JSON for `audit_read_events`, and the subjects not to write again. */
  readParameters(read: AuditedRead): { events: string; keys: string[]; exclude: string[] } {
    const types = typesOf(read);
    const groups = this.groupsOf(types);
    const subjectless = !read.keys && !read.subjectColumn;
    const already = new Set(types.flatMap((type) => [...(this.writtenSubjects.get(type) ?? [])]));
    const scoped = !!(read.gridCodeColumn || read.householdIdColumn);
    const plainTypes = [...(subjectless ? types : []), ...(read.alsoFor ?? [])].filter((type) => !this.writtenSubjects.get(type)?.has(''));
    const parameter = {
      base: this.base(),
      plain: mergeByOutcome(plainTypes.flatMap((type) => this.plan.get(type) ?? [])),
      perSubject: subjectless ? [] : groups,
      withheld: scoped ? { outcome: 'OUT_OF_JURISDICTION', fieldClasses: [withheldClass(types)] } : null,
    };
    const keys = groups.length === 0 ? [] : (read.keys ?? []).filter((key) => !already.has(key));
    return { events: JSON.stringify(parameter), keys: [...new Set(keys)], exclude: [...already] };
  }

  /** Whether a row is in the caller's jurisdiction by the read's scope columns (the same test the statement made). */
  inScope(read: AuditedRead, row: Record<string, unknown>): boolean {
    if (!read.gridCodeColumn && !read.householdIdColumn) return true;
    const value = (column: string | undefined) => (column === undefined ? undefined : ((row[column] as string | null | undefined) ?? null));
    return inScope(this.identity, { gridCode: value(read.gridCodeColumn) ?? value(read.gridCodeFallbackColumn) ?? null, householdId: value(read.householdIdColumn) });
  }

  private groupsOf(types: readonly string[]): OutcomeGroup[] {
    return types.length === 1 ? [...(this.plan.get(types[0]) ?? [])] : mergeByOutcome(types.flatMap((type) => this.plan.get(type) ?? []));
  }

  /** After the statement succeeded: what it wrote, so that the resolvers' notes of the same are not appended again. */
  wrote(read: AuditedRead, parameters: { keys: string[]; exclude: string[] }, rows: readonly Record<string, unknown>[]): void {
    const types = typesOf(read);
    const groups = this.groupsOf(types);
    let subjects: string[];
    const withheld = new Set<string>();
    if (read.keys) subjects = parameters.keys;
    else {
      const excluded = new Set(parameters.exclude);
      const inside = new Set<string>();
      for (const row of rows) {
        const subject = read.subjectColumn ? ((row[read.subjectColumn] as string | null) ?? '') : '';
        if (!this.inScope(read, row)) withheld.add(subject);
        else if (!excluded.has(subject) && (subject !== '' || !read.subjectColumn)) inside.add(subject);
      }
      subjects = groups.length === 0 ? [] : [...inside];
    }
    for (const type of types) {
      let mine = this.writtenSubjects.get(type);
      if (!mine) this.writtenSubjects.set(type, (mine = new Set()));
      for (const subject of subjects) mine.add(subject);
    }
    for (const subject of subjects) {
      for (const { outcome, fieldClasses } of groups) for (const fieldClass of fieldClasses) this.written.add(`${subject}${SEPARATOR}${outcome}${SEPARATOR}${fieldClass}`);
    }
    if (rows.some((row) => this.inScope(read, row)))
      for (const type of read.alsoFor ?? []) {
        let written = this.writtenSubjects.get(type);
        if (!written) this.writtenSubjects.set(type, (written = new Set()));
        written.add('');
        for (const { outcome, fieldClasses } of this.plan.get(type) ?? []) for (const fieldClass of fieldClasses) this.written.add(`${SEPARATOR}${outcome}${SEPARATOR}${fieldClass}`);
      }
    for (const subject of withheld) this.written.add(`${subject}${SEPARATOR}OUT_OF_JURISDICTION${SEPARATOR}${withheldClass(types)}`);
  }
}
