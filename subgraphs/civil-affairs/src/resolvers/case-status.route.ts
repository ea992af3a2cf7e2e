import { ErrorCode, HubError, MAX_BATCH_REVIEW_APPLICATIONS } from '@hub/access';
import { APPLICATION_ID_PATTERN, caseStatusOf, type CaseStatus } from '../check/case-status';
import type { CivilAffairsContext } from './context';

async function statusFor({ loaders, identity }: CivilAffairsContext, caseId: string): Promise<CaseStatus> {
  return caseStatusOf(caseId, APPLICATION_ID_PATTERN.test(caseId) ? await loaders.applicationById.load(caseId) : null, identity.jurisdiction);
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
