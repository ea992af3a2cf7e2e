import { randomInt } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ErrorCode, HubError } from '@hub/access';
import { APPLICATION_STATUS, isCode, personIdFor, personIdSecret } from '@hub/domain';
import { SubsistenceCheckReport } from '../entities/subsistence-check-report.entity';
import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AssistanceApplicationConnection } from '../entities/assistance-application-connection.type';
import { AssistanceApplication } from '../entities/assistance-application.entity';
import { Household, Person } from '../entities/stubs';
import type { CivilAffairsContext } from './context';
import { APPLICATION_STAGES, APPLICATION_STEPS, addDays, applyStep, publicityEndsOn, stageOf, type ApplicationStage, type ApplicationStep } from './application-steps';
import { APPLICATION_ID_PATTERN } from '../check/case-status';
import { CheckReport } from '../entities/check-report.type';
import { findApplicantHousehold } from './applicant-household.client';
import { checkedDate, checkedIdNumber, checkedPastDate, escapeLike } from '@hub/access';
import { chinaClock } from '@hub/domain';
import { APPROVAL_ROLES, ASSISTANCE_WRITE_CLASS } from '../policy';
import { applyDecisionToAssistance } from '../check/assistance-on-decision';
import { appendWriteAudit } from '@hub/audit';
import { AuthorizationEvidence, AuthorizationEvidenceInput } from '../entities/authorization-evidence.type';
import { checkedAuthorization } from './authorization-evidence';

const HOUSEHOLD_ID_PATTERN = /^H\d{8}$/;

/** `A` + date + milliseconds of the day (China time) + 3 random digits: 20 characters, sortable by when it was opened. */
function newApplicationId(now = Date.now()): { id: string; appliedOn: string } {
  const { date, msOfDay } = chinaClock(now);
  return { id: `A${date.replace(/-/g, '')}${String(msOfDay).padStart(8, '0')}${String(randomInt(1000)).padStart(3, '0')}`, appliedOn: date };
}

/** The rows of one 办理环节 (see stageOf): the 公示 splits PUBLICIZING by whether its 7 days are over. */
function stageCondition(stage: ApplicationStage, today: string): FilterQuery<AssistanceApplication> {
  const publicityStartedAfter = addDays(today, -7);
  switch (stage) {
    case 'VERIFICATION':
      return { status: { $in: ['ACCEPTED', 'VERIFYING'] } };
    case 'INVESTIGATION':
      return { status: 'INVESTIGATING' };
    case 'PUBLICITY':
      return { status: 'PUBLICIZING', publicizedOn: { $gt: publicityStartedAfter } };
    case 'DECISION':
      return { status: 'PUBLICIZING', $or: [{ publicizedOn: { $lte: publicityStartedAfter } }, { publicizedOn: null }] };
    case 'CLOSED':
      return { status: { $in: ['APPROVED', 'REJECTED', 'WITHDRAWN'] } };
  }
}

@Resolver(() => AssistanceApplication)
export class AssistanceApplicationResolver {
  @Query(() => AssistanceApplicationConnection, {
    description:
      "Assistance applications of households within the caller's jurisdiction, ordered by id; narrowed by status, 办理环节 (stage) " +
      "and the 受理 date (appliedFrom … appliedTo, YYYY-MM-DD, inclusive, not in the future). Civil affairs' own casework: no case needed.",
  })
  async assistanceApplications(
    @Ctx() { em, identity }: CivilAffairsContext,
    @Arg('status', () => String, { nullable: true, description: 'ACCEPTED | VERIFYING | INVESTIGATING | PUBLICIZING | APPROVED | REJECTED | WITHDRAWN' }) status?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('stage', () => String, { nullable: true, description: `办理环节, what the application waits for: ${APPLICATION_STAGES.join(' | ')}` }) stage?: string,
    @Arg('appliedFrom', () => String, { nullable: true, description: '受理 on or after, YYYY-MM-DD' }) appliedFrom?: string,
    @Arg('appliedTo', () => String, { nullable: true, description: '受理 on or before, YYYY-MM-DD' }) appliedTo?: string,
  ): Promise<AssistanceApplicationConnection> {
    const limit = pageSize(first);
    const today = chinaClock().date;
    const conditions: FilterQuery<AssistanceApplication>[] = [{ gridCode: { $like: `${escapeLike(identity.jurisdiction)}%` } }];
    if (status !== undefined && status !== null) {
      if (!isCode(APPLICATION_STATUS, status)) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `status must be one of ${Object.keys(APPLICATION_STATUS).join(', ')}; got "${status.slice(0, 20)}"`);
      }
      conditions.push({ status });
    }
    if (stage !== undefined && stage !== null) {
      if (!(APPLICATION_STAGES as readonly string[]).includes(stage)) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `stage must be one of ${APPLICATION_STAGES.join(', ')}; got "${stage.slice(0, 20)}"`);
      }
      conditions.push(stageCondition(stage as ApplicationStage, today));
    }
    const from = appliedFrom ? checkedPastDate(appliedFrom, 'appliedFrom', today) : undefined;
    const to = appliedTo ? checkedPastDate(appliedTo, 'appliedTo', today) : undefined;
    if (from && to && from > to) throw new HubError(ErrorCode.BAD_USER_INPUT, `起始日期不能晚于截止日期 (appliedFrom (${from}) must not be after appliedTo (${to}))`);
    if (from) conditions.push({ appliedOn: { $gte: from } });
    if (to) conditions.push({ appliedOn: { $lte: to } });
    const where: FilterQuery<AssistanceApplication> = { $and: conditions };
    const afterId = decodeCursor(after);
    const [rows, totalCount] = await Promise.all([
      em.find(AssistanceApplication, afterId ? { $and: [...conditions, { id: { $gt: afterId } }] } : where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      em.count(AssistanceApplication, where),
    ]);
    return { totalCount, ...toPage(rows, limit, (application) => application.id) };
  }

  @Query(() => AssistanceApplication, {
    nullable: true,
    description:
      "One application of the caller's jurisdiction (as the case rule: an application without a grid is no office's): its status, dates and kept checks. " +
      "Civil affairs' own casework, no case needed; its applicant and household open only under its case (X-Case-Id).",
  })
  async assistanceApplication(@Arg('id', () => ID) id: string, @Ctx() { loaders, identity, audit }: CivilAffairsContext): Promise<AssistanceApplication | null> {
    if (!APPLICATION_ID_PATTERN.test(id)) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${id.slice(0, 24)}" is not an application id (A followed by up to 19 letters or digits)`);
    const application = await loaders.applicationById.load(id);
    if (!application) return null;
    if (!application.gridCode || !application.gridCode.startsWith(identity.jurisdiction)) {
      audit.note(application.applicantPersonId, 'civil.application', 'OUT_OF_JURISDICTION');
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Application ${id} is outside your jurisdiction ${identity.jurisdiction}`);
    }
    return application;
  }

  @Mutation(() => AssistanceApplication, {
    description:
      "受理: opens an assistance (低保) application for the applicant's household with status ACCEPTED, applied today. " +
      "The household is the one population registers the applicant in, asked of population with the caller's own signed identity " +
      '(policy: SUBSISTENCE_REVIEW learns its id and grid only; audited under the applicant). ' +
      'Refused: a wrong ID check digit or an unknown applicant, or one in no household (BAD_USER_INPUT); a household outside the ' +
      "caller's jurisdiction (OUT_OF_JURISDICTION); population not answering (SUBGRAPH_UNAVAILABLE, nothing opened).",
  })
  async openAssistanceApplication(
    @Ctx() context: CivilAffairsContext,
    @Arg('idNumber', () => String, { description: "The applicant's 公民身份号码" }) idNumber: string,
    @Arg('authorizationOnFile', () => Boolean, { description: 'The written authorization (授权书) for the 核对 has been received' }) authorizationOnFile: boolean,
    @Arg('householdId', () => ID, {
      nullable: true,
      description: 'Optional: the household (户, H + 8 digits) the caseworker expects; refused (BAD_USER_INPUT) when population registers the applicant elsewhere',
    })
    householdId?: string,
    @Arg('authorization', () => AuthorizationEvidenceInput, {
      nullable: true,
      description: 'The 授权书 itself (number, signing date, SHA-256 of its scan): required with authorizationOnFile true — the flag alone is not evidence',
    })
    authorization?: AuthorizationEvidenceInput,
  ): Promise<AssistanceApplication> {
    const { em } = context;
    const applicantIdNumber = checkedIdNumber(idNumber);
    const evidence = checkedAuthorization(authorizationOnFile, authorization ?? undefined, chinaClock().date);
    if (householdId && !HOUSEHOLD_ID_PATTERN.test(householdId)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `householdId must be H followed by 8 digits; got "${householdId.slice(0, 20)}"`);
    }
    const registered = await findApplicantHousehold(context, applicantIdNumber);
    if (householdId && householdId !== registered.householdId) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `所填的户 ${householdId} 不是人口库登记的申请人所在的户 (householdId does not match the household population registers the applicant in)`);
    }
    for (let attempt = 1; ; attempt++) {
      const { id, appliedOn } = newApplicationId();
      const application = Object.assign(new AssistanceApplication(), {
        id,
        applicantPersonId: personIdFor(applicantIdNumber, personIdSecret()),
        householdId: registered.householdId,
        kind: 'DIBAO',
        status: 'ACCEPTED',
        authorizationOnFile,
        authorizationDocumentNumber: evidence?.documentNumber ?? null,
        authorizationSignedOn: evidence?.signedOn ?? null,
        authorizationFileSha256: evidence?.fileSha256 ?? null,
        appliedOn,
        verifiedOn: null,
        investigatedOn: null,
        publicizedOn: null,
        decidedOn: null,
        decisionReason: null,
        gridCode: registered.gridCode,
      } satisfies Partial<AssistanceApplication>);
      try {
        await em.insert(AssistanceApplication, application);
        return application;
      } catch (error) {
        // Two applications opened in the same millisecond drew the same suffix: draw again.
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 5) throw error;
      }
    }
  }

  @Mutation(() => AssistanceApplication, {
    description:
      'Records the next step of the X-Case-Id application: VERIFICATION_STARTED (核对), VERIFIED (needs a kept 核对报告), ' +
      `INVESTIGATED (入户调查 done; the 7-day 公示 starts), APPROVED (after the 公示, with an eligible latest check), REJECTED (reason required) or WITHDRAWN. ` +
      '`on` is the date of the step (default today; not in the future, not before the previous step).',
  })
  async recordApplicationStep(
    @Ctx() { em, identity, audit }: CivilAffairsContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('step', () => String, { description: APPLICATION_STEPS.join(' | ') }) step: string,
    @Arg('on', () => String, { nullable: true, description: 'YYYY-MM-DD' }) on?: string,
    @Arg('reason', () => String, { nullable: true, description: 'The written reason of a refusal or withdrawal' }) reason?: string,
  ): Promise<AssistanceApplication> {
    if (!(APPLICATION_STEPS as readonly string[]).includes(step)) throw new HubError(ErrorCode.BAD_USER_INPUT, `step must be one of ${APPLICATION_STEPS.join(', ')}; got "${step.slice(0, 30)}"`);
    if (identity.caseId !== applicationId) throw new HubError(ErrorCode.BAD_USER_INPUT, `applicationId must be the request's case (X-Case-Id ${identity.caseId ?? 'missing'})`);
    if (step === 'APPROVED' && !APPROVAL_ROLES.includes(identity.role)) {
      audit.note(null, 'civil.application.approve', 'DENIED');
      throw new HubError(ErrorCode.FORBIDDEN, `审批 (APPROVED) is for ${APPROVAL_ROLES.join(' or ')}; you are ${identity.dept} / ${identity.role}`);
    }
    const today = chinaClock().date;
    const day = on ?? today;
    checkedDate(day, 'on');
    return em.transactional(async (tx) => {
      const application = await tx.findOne(AssistanceApplication, { id: applicationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!application) throw new HubError(ErrorCode.BAD_USER_INPUT, `No assistance application ${applicationId}`);
      const latest = await tx.findOne(SubsistenceCheckReport, { applicationId }, { orderBy: { checkedAt: 'desc' } });
      applyStep(application, step as ApplicationStep, day, reason ?? undefined, today, { latestCheck: latest && { eligible: latest.eligible, reasons: latest.reasons } });
      if (step === 'APPROVED' || step === 'REJECTED') {
        const { opened, ended } = await applyDecisionToAssistance(tx, application, step, day, latest);
        // The benefits a decision opened or ended are writes about those people, audited with the decision.
        if (opened.length + ended.length > 0) await appendWriteAudit(tx, identity, [...opened, ...ended], ASSISTANCE_WRITE_CLASS);
      }
      return application;
    });
  }

  @FieldResolver(() => AuthorizationEvidence, { nullable: true, description: 'The 授权书 the application was opened on (none on applications opened before it was kept)' })
  authorization(@Root() application: AssistanceApplication): AuthorizationEvidence | null {
    const { authorizationDocumentNumber, authorizationSignedOn, authorizationFileSha256 } = application;
    if (!authorizationDocumentNumber || !authorizationSignedOn || !authorizationFileSha256) return null;
    return { documentNumber: authorizationDocumentNumber, signedOn: authorizationSignedOn, fileSha256: authorizationFileSha256 };
  }

  @FieldResolver(() => String, { description: `办理环节 (what the application waits for): ${APPLICATION_STAGES.join(' | ')}` })
  stage(@Root() application: AssistanceApplication): ApplicationStage {
    return stageOf(application, chinaClock().date);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The first day 审批 may be dated: 7 days after the 公示 started, YYYY-MM-DD (null before the 公示)' })
  publicityEndsOn(@Root() application: AssistanceApplication): string | null {
    return application.publicizedOn ? publicityEndsOn(application.publicizedOn) : null;
  }

  @FieldResolver(() => CheckReport, { nullable: true, description: 'The newest kept 核对报告 of this application (审批 needs an eligible one)' })
  latestCheck(@Root() application: AssistanceApplication, @Ctx() { loaders }: CivilAffairsContext): Promise<CheckReport | null> {
    return loaders.latestReportByApplication.load(application.id);
  }

  @FieldResolver(() => Person, { nullable: true })
  applicant(@Root() application: AssistanceApplication): Person {
    return { id: application.applicantPersonId };
  }

  @FieldResolver(() => Household, { nullable: true })
  household(@Root() application: AssistanceApplication): Household {
    return { id: application.householdId };
  }
}
