import { CaseRefusal } from '@hub/access';
import { OPEN_APPLICATION_STATUSES } from '@hub/domain';
import type { AssistanceApplication } from '../entities/assistance-application.entity';

export interface CaseStatus {
  caseId: string;
  open: boolean;
  householdId: string | null;
  reason?: string;
  /** Why not open, as a code (the gateway's CASE_NOT_OPEN carries it). */
  refusal?: CaseRefusal;
}

export const APPLICATION_ID_PATTERN = /^A[0-9A-Za-z]{1,19}$/;

/**
 * Whether an application is an open 低保 case for the caller: still in progress (受理 … 公示), made within the
 * caller's jurisdiction, and with the applicant's written authorization (授权书) on file. Closing the application, or having no authorization, ends the access it grants.
 */
export function caseStatusOf(caseId: string, application: AssistanceApplication | null | undefined, jurisdiction: string): CaseStatus {
  if (!APPLICATION_ID_PATTERN.test(caseId)) return { caseId, open: false, householdId: null, refusal: CaseRefusal.NO_SUCH_CASE, reason: `${caseId.slice(0, 40)} is not an assistance application id` };
  if (!application) return { caseId, open: false, householdId: null, refusal: CaseRefusal.NO_SUCH_CASE, reason: `no assistance application ${caseId}` };
  if (!(OPEN_APPLICATION_STATUSES as readonly string[]).includes(application.status)) {
    return { caseId, open: false, householdId: application.householdId, refusal: CaseRefusal.CASE_CLOSED, reason: `application ${caseId} is ${application.status}, not in progress` };
  }
  // An application made where the caller has no jurisdiction is another office's case; one without a grid is no
  // office's (every application is opened with its household's grid: a missing one must not read as "anywhere").
  if (!application.gridCode || !application.gridCode.startsWith(jurisdiction)) {
    return { caseId, open: false, householdId: null, refusal: CaseRefusal.CASE_OUTSIDE_JURISDICTION, reason: `application ${caseId} is outside your jurisdiction ${jurisdiction}` };
  }
  if (!application.authorizationOnFile) {
    return { caseId, open: false, householdId: application.householdId, refusal: CaseRefusal.NO_AUTHORIZATION, reason: `application ${caseId} has no written authorization (授权书) on file` };
  }
  return { caseId, open: true, householdId: application.householdId };
}
