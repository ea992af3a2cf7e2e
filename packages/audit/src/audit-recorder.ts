import type { RequestIdentity } from '@hub/access';

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

/** What one request touched in one subgraph: per subject person and outcome, the field classes. */
export class AuditRecorder {
  private readonly notes = new Map<string, Set<string>>();

  constructor(private readonly identity: RequestIdentity) {}

  note(subject: string | null | undefined, fieldClass: string, outcome: string): void {
    const key = `${subject ?? ''}\u001f${outcome}`;
    let classes = this.notes.get(key);
    if (!classes) this.notes.set(key, (classes = new Set()));
    classes.add(fieldClass);
  }

  /** The rows to append: one per (subject, outcome), or one for the request when it touched no guarded field. */
  events(): AccessEvent[] {
    const { requestId, sub, name, dept, role, purpose, caseId } = this.identity;
    const base = { requestId, userSub: sub, userName: name && name !== sub ? name : undefined, department: dept, role, purpose, caseId };
    if (this.notes.size === 0) return [{ ...base, fieldClasses: ['request'], outcome: 'CLEAR' }];
    return [...this.notes.entries()].map(([key, classes]) => {
      const [subject, outcome] = key.split('\u001f');
      return { ...base, subject: subject || undefined, fieldClasses: [...classes].sort(), outcome };
    });
  }
}
