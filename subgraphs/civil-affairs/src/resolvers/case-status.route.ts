import { OPEN_APPLICATION_STATUSES } from '@hub/domain';
import type { CivilAffairsContext } from './context';

export interface CaseStatus {
  caseId: string;
  open: boolean;
  householdId: string | null;
  reason?: string;
}

const APPLICATION_ID_PATTERN = /^A[0-9A-Za-z]{1,19}$/;

/**
 * Whether a 低保 case is open, for the gateway: the case is an assistance application that is still in
 * progress (受理 … 公示) and has the applicant's written authorization (授权书) on file. Closing the
 * application, or having no authorization, ends the access it grants.
 */
export async function caseStatus({ loaders }: CivilAffairsContext, params: URLSearchParams): Promise<CaseStatus> {
  const caseId = params.get('id') ?? '';
  if (!APPLICATION_ID_PATTERN.test(caseId)) return { caseId, open: false, householdId: null, reason: `${caseId.slice(0, 40)} is not an assistance application id` };
  const application = await loaders.applicationById.load(caseId);
  if (!application) return { caseId, open: false, householdId: null, reason: `no assistance application ${caseId}` };
  if (!(OPEN_APPLICATION_STATUSES as readonly string[]).includes(application.status)) {
    return { caseId, open: false, householdId: application.householdId, reason: `application ${caseId} is ${application.status}, not in progress` };
  }
  if (!application.authorizationOnFile) {
    return { caseId, open: false, householdId: application.householdId, reason: `application ${caseId} has no written authorization (授权书) on file` };
  }
  return { caseId, open: true, householdId: application.householdId };
}
