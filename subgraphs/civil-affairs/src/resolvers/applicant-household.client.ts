import { APPLICANT_HOUSEHOLD_QUERY, ErrorCode, HubError, INTERNAL_TOKEN_HEADER } from '@hub/access';
import { subgraphUrl } from '@hub/topology';
import type { CivilAffairsContext } from './context';

/** Where population answers: SUBGRAPH_URL_POPULATION (as for the gateway and population's peers), else its demo port. */
export function populationUrl(env: NodeJS.ProcessEnv = process.env): string {
  return subgraphUrl('population', env);
}

const POPULATION_TIMEOUT_MS = 5000;

/**
 * Population's own (internal, @inaccessible) question for 受理; its policy allows it for SUBSISTENCE_REVIEW only. The
 * gateway's onward token for population allows this one document (@hub/access ONWARD_CALLS).
 */
const APPLICANT_HOUSEHOLD = APPLICANT_HOUSEHOLD_QUERY;

export interface ApplicantHousehold {
  householdId: string;
  /** The household's grid: where the application belongs (its jurisdiction). */
  gridCode: string;
}

interface PopulationAnswer {
  data?: { applicantHousehold: { householdId: string | null; gridCode: string | null } | null } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

function unavailable(reason: string): HubError {
  return new HubError(ErrorCode.SUBGRAPH_UNAVAILABLE, `人口（户籍）系统暂不可用，无法确认申请人所在的户，申请未受理，请稍后重试 (population did not answer: ${reason})`, { department: 'POPULATION' });
}

/**
 * 受理 from the ID number alone (ADR 0010): the household the applicant is registered in, asked of population —
 * the department that owns it — with the caseworker's identity in the gateway's onward token for population, so population's policy decides
 * (SUBSISTENCE_REVIEW may learn the household's id and grid, nothing more), checks the jurisdiction and audits the
 * look under the applicant, as for any other request. Nothing of population's is kept but the household's id and grid.
 */
export async function findApplicantHousehold({ onwardTokens, identity }: Pick<CivilAffairsContext, 'onwardTokens' | 'identity'>, idNumber: string): Promise<ApplicantHousehold> {
  const internalToken = onwardTokens.population?.graphql;
  if (!internalToken) throw unavailable('the gateway granted no token for it');
  let answer: PopulationAnswer;
  try {
    const response = await fetch(populationUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: internalToken, 'x-request-id': identity.requestId },
      body: JSON.stringify({ query: APPLICANT_HOUSEHOLD, variables: { idNumber } }),
      signal: AbortSignal.timeout(POPULATION_TIMEOUT_MS),
    });
    if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
    answer = (await response.json()) as PopulationAnswer;
  } catch (error) {
    throw unavailable((error as Error).message);
  }
  const refusal = answer.errors?.[0];
  if (refusal) {
    const code = refusal.extensions?.code;
    if (code === ErrorCode.OUT_OF_JURISDICTION) {
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `申请人所在的户不在您的辖区（${identity.jurisdiction}），应由其户所在地受理 (the applicant's household is outside your jurisdiction)`);
    }
    if (code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.FORBIDDEN) throw new HubError(code, refusal.message);
    throw unavailable(`${code ?? 'no code'}: ${refusal.message}`);
  }
  const found = answer.data?.applicantHousehold;
  if (!found) throw new HubError(ErrorCode.BAD_USER_INPUT, '人口库中没有该公民身份号码的人员，请核对申请人的身份证号码 (no person with this ID number in the population register)');
  if (!found.householdId || !found.gridCode) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, '申请人未登记在任何户籍家庭（户）中，无法按户受理低保申请 (the applicant is not registered in a household)');
  }
  return { householdId: found.householdId, gridCode: found.gridCode };
}
