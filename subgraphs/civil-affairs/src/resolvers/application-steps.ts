import { ErrorCode, HubError } from '@hub/access';
import { APPLICATION_STATUS } from '@hub/domain';
import type { AssistanceApplication } from '../entities/assistance-application.entity';

/**
 * The 低保 workflow (社会救助暂行办法 Art. 11; 公示七日): 受理 (ACCEPTED) → 核对 (VERIFYING, done with a kept
 * 核对报告) → 入户调查 (INVESTIGATING) → 公示 (PUBLICIZING, 7 days) → 审批 (APPROVED) or 不予批准 (REJECTED, with a
 * written reason); WITHDRAWN by the applicant at any open step. Each step records its date.
 */
export const APPLICATION_STEPS = ['VERIFICATION_STARTED', 'VERIFIED', 'INVESTIGATED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type ApplicationStep = (typeof APPLICATION_STEPS)[number];
const STEP_LABELS: Record<ApplicationStep, string> = {
  VERIFICATION_STARTED: '开始核对',
  VERIFIED: '核对完成',
  INVESTIGATED: '入户调查完成',
  APPROVED: '审批通过',
  REJECTED: '不予批准',
  WITHDRAWN: '撤回',
};

export const PUBLICITY_DAYS = 7;

const OPEN = ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'];
const FROM: Record<ApplicationStep, readonly string[]> = {
  VERIFICATION_STARTED: ['ACCEPTED'],
  VERIFIED: ['ACCEPTED', 'VERIFYING'],
  INVESTIGATED: ['INVESTIGATING'],
  APPROVED: ['PUBLICIZING'],
  REJECTED: OPEN,
  WITHDRAWN: OPEN,
};

/**
 * 办理环节: what an application waits for, from its status and the 公示's dates — VERIFICATION (核对, status ACCEPTED
 * or VERIFYING), INVESTIGATION (入户调查), PUBLICITY (公示 still running), DECISION (公示 over: 审批 or 不予批准 can be
 * recorded), CLOSED (decided or withdrawn).
 */
export const APPLICATION_STAGES = ['VERIFICATION', 'INVESTIGATION', 'PUBLICITY', 'DECISION', 'CLOSED'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

/** The first day an approval may be dated: the 公示 started on `publicizedOn` and runs 7 days. */
export function publicityEndsOn(publicizedOn: string): string {
  return addDays(publicizedOn, PUBLICITY_DAYS);
}

export function stageOf(application: Pick<AssistanceApplication, 'status' | 'publicizedOn'>, today: string): ApplicationStage {
  switch (application.status) {
    case 'ACCEPTED':
    case 'VERIFYING':
      return 'VERIFICATION';
    case 'INVESTIGATING':
      return 'INVESTIGATION';
    case 'PUBLICIZING':
      return application.publicizedOn && publicityEndsOn(application.publicizedOn) > today ? 'PUBLICITY' : 'DECISION';
    default:
      return 'CLOSED';
  }
}

/** A day (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The latest date the application already records: a step cannot be dated before it. */
function lastDate(application: AssistanceApplication): string {
  return [application.appliedOn, application.verifiedOn, application.investigatedOn, application.publicizedOn]
    .filter((d): d is string => !!d)
    .sort()
    .pop()!;
}

export interface StepFacts {
  /** The newest kept 核对报告 of the application, if any. */
  latestCheck: { eligible: boolean; reasons: string[] } | null;
}

/** Applies one step to the application (in memory) or throws BAD_USER_INPUT saying why it cannot happen. */
export function applyStep(application: AssistanceApplication, step: ApplicationStep, on: string, reason: string | undefined, today: string, facts: StepFacts): void {
  if (!(FROM[step] as readonly string[]).includes(application.status)) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `申请当前为「${APPLICATION_STATUS[application.status] ?? application.status}」，不能记录「${STEP_LABELS[step]}」 (${step} cannot follow status ${application.status} (it follows ${FROM[step].join(' or ')}))`,
    );
  }
  if (on > today) throw new HubError(ErrorCode.BAD_USER_INPUT, `办理日期不能晚于今天（${today}） (A step cannot be dated in the future (${on}; today is ${today}))`);
  if (on < lastDate(application))
    throw new HubError(ErrorCode.BAD_USER_INPUT, `办理日期不能早于上一环节的日期 ${lastDate(application)} (A step cannot be dated before the application's last step (${lastDate(application)}))`);
  switch (step) {
    case 'VERIFICATION_STARTED':
      application.status = 'VERIFYING';
      return;
    case 'VERIFIED':
      if (!facts.latestCheck)
        throw new HubError(ErrorCode.BAD_USER_INPUT, '尚无核对报告：请先进行家庭经济状况核对，再记录核对完成 (核对 is complete only with a kept 核对报告: run subsistenceCheck for this case first)');
      application.status = 'INVESTIGATING';
      application.verifiedOn = on;
      return;
    case 'INVESTIGATED':
      // 入户调查 done: the 公示 starts the same day.
      application.status = 'PUBLICIZING';
      application.investigatedOn = on;
      application.publicizedOn = on;
      return;
    case 'APPROVED': {
      const publicityEnds = publicityEndsOn(application.publicizedOn ?? on);
      if (on < publicityEnds)
        throw new HubError(
          ErrorCode.BAD_USER_INPUT,
          `${PUBLICITY_DAYS} 天公示期至 ${publicityEnds} 届满，审批日期最早为 ${publicityEnds} (The ${PUBLICITY_DAYS}-day 公示 runs until ${publicityEnds}; approval can be dated ${publicityEnds} at the earliest)`,
        );
      if (!facts.latestCheck?.eligible) {
        throw new HubError(
          ErrorCode.BAD_USER_INPUT,
          `${facts.latestCheck ? '最近一次核对报告结论为不符合' : '尚无核对报告'}，不能审批通过：须有结论为符合的核对报告 (The latest 核对报告 does not find the household eligible (${facts.latestCheck?.reasons.join(', ') || 'no report'}): approve only after an eligible check)`,
        );
      }
      application.status = 'APPROVED';
      application.decidedOn = on;
      return;
    }
    case 'REJECTED':
      if (!reason?.trim()) throw new HubError(ErrorCode.BAD_USER_INPUT, '不予批准须书面说明理由 (A refusal (不予批准) must give its reason in writing: set reason)');
      application.status = 'REJECTED';
      application.decidedOn = on;
      application.decisionReason = reason.trim().slice(0, 500);
      return;
    case 'WITHDRAWN':
      application.status = 'WITHDRAWN';
      application.decidedOn = on;
      application.decisionReason = reason?.trim().slice(0, 500) || null;
      return;
  }
}
