import { ErrorCode, HubError, MAX_BATCH_REVIEW_APPLICATIONS } from '@hub/access';
import { APPLICATION_ID_PATTERN, caseStatusOf, type CaseStatus } from '../check/case-status';
import type { CivilAffairsContext } from './context';
import { APPLICATION_CLASS } from '../policy';

/** One case's status; a refusal is in the access log (under the applicant, when there is one) before the gateway hears it. */
async function statusFor({ loaders, identity, audit }: CivilAffairsContext, caseId: string): Promise<CaseStatus> {
  const application = APPLICATION_ID_PATTERN.test(caseId) ? await loaders.applicationById.load(caseId) : null;
  const status = caseStatusOf(caseId, application, identity.jurisdiction);
  if (!status.open) audit.note(application?.applicantPersonId, APPLICATION_CLASS, 'CASE_NOT_OPEN');
  return status;
}

/** `/internal/case?id=`: the gateway's question for a request's X-Case-Id. */
export function caseStatus(context: CivilAffairsContext, params: URLSearchParams): Promise<CaseStatus> {
  return statusFor(context, params.get('id') ?? '');
}

/** `/internal/cases?ids=A1,A2,…`: the same for each application of a batch review, in one SQL statement. */
export function caseStatuses(context: CivilAffairsContext, params: URLSearchParams): Promise<CaseStatus[]> {
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length > MAX_BATCH_REVIEW_APPLICATIONS) throw new HubError(ErrorCode.BAD_USER_INPUT, `at most ${MAX_BATCH_REVIEW_APPLICATIONS} cases per call; got ${ids.length}`);
  return Promise.all(ids.map((id) => statusFor(context, id)));
}
