import { CASE_ID_PATTERN, CaseRefusal } from '@hub/access';
import { InvestigationCase } from '../entities/investigation-case.entity';
import { INVESTIGATION_CASE_CLASS } from '../policy';
import type { PublicSecurityContext } from './context';

/** Whether a police case is open for the caller, and why not. */
export interface InvestigationCaseStatus {
  caseId: string;
  open: boolean;
  reason?: string;
  /** Why not open, as a code (the gateway's CASE_NOT_OPEN carries it). */
  refusal?: CaseRefusal;
}

/**
 * A police case is open for the caller when it is in the register, not closed, and of a region within the caller's
 * jurisdiction (a district officer may use a street's case; a street's officer not another street's).
 */
export function investigationCaseStatusOf(caseId: string, found: InvestigationCase | null, jurisdiction: string): InvestigationCaseStatus {
  if (!found) return { caseId, open: false, refusal: CaseRefusal.NO_SUCH_CASE, reason: `no case ${caseId.slice(0, 64)} in public security's case register` };
  if (found.closedOn) return { caseId, open: false, refusal: CaseRefusal.CASE_CLOSED, reason: `case ${caseId} was closed on ${found.closedOn}` };
  if (!found.jurisdiction.startsWith(jurisdiction))
    return { caseId, open: false, refusal: CaseRefusal.CASE_OUTSIDE_JURISDICTION, reason: `case ${caseId} is outside your jurisdiction ${jurisdiction}` };
  return { caseId, open: true };
}

/**
 * `/internal/case?id=`: the gateway's question for a CASE_INVESTIGATION request's X-Case-Id. A refusal is in the access
 * log, so that trying case numbers leaves a trace.
 */
export async function investigationCaseStatus({ em, identity, audit }: PublicSecurityContext, params: URLSearchParams): Promise<InvestigationCaseStatus> {
  const caseId = params.get('id') ?? '';
  const found = CASE_ID_PATTERN.test(caseId) ? await em.findOne(InvestigationCase, { caseNumber: caseId }) : null;
  const status = investigationCaseStatusOf(caseId, found, identity.jurisdiction);
  if (!status.open) audit.note(null, INVESTIGATION_CASE_CLASS, 'CASE_NOT_OPEN');
  return status;
}
