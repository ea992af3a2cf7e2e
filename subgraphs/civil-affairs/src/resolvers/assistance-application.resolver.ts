import { randomInt } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ErrorCode, HubError } from '@hub/access';
import { APPLICATION_STATUS, isCode, personIdFor, personIdSecret } from '@hub/domain';
import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AssistanceApplicationConnection } from '../entities/assistance-application-connection';
import { AssistanceApplication } from '../entities/assistance-application.entity';
import { Household, Person } from '../entities/references';
import type { CivilAffairsContext } from './context';
import { chinaClock, checkedIdNumber, escapeLike } from './input';

const HOUSEHOLD_ID_PATTERN = /^H\d{8}$/;

/** `A` + date + milliseconds of the day (China time) + 3 random digits: 20 characters, sortable by when it was opened. */
function newApplicationId(now = Date.now()): { id: string; appliedOn: string } {
  const { date, msOfDay } = chinaClock(now);
  return { id: `A${date.replace(/-/g, '')}${String(msOfDay).padStart(8, '0')}${String(randomInt(1000)).padStart(3, '0')}`, appliedOn: date };
}

@Resolver(() => AssistanceApplication)
export class AssistanceApplicationResolver {
  @Query(() => AssistanceApplicationConnection, { description: 'Assistance applications of households within the caller\'s jurisdiction, ordered by id' })
  async assistanceApplications(
    @Ctx() { em, identity }: CivilAffairsContext,
    @Arg('status', () => String, { nullable: true, description: 'ACCEPTED | VERIFYING | INVESTIGATING | PUBLICIZING | APPROVED | REJECTED | WITHDRAWN' }) status?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AssistanceApplicationConnection> {
    const limit = pageSize(first);
    const where: FilterQuery<AssistanceApplication> = { gridCode: { $like: `${escapeLike(identity.jurisdiction)}%` } };
    if (status !== undefined && status !== null) {
      if (!isCode(APPLICATION_STATUS, status)) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `status must be one of ${Object.keys(APPLICATION_STATUS).join(', ')}; got "${status.slice(0, 20)}"`);
      }
      where.status = status;
    }
    const afterId = decodeCursor(after);
    const [rows, totalCount] = await Promise.all([
      em.find(AssistanceApplication, afterId ? { ...where, id: { $gt: afterId } } : where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
      em.count(AssistanceApplication, where),
    ]);
    return { totalCount, ...toPage(rows, limit, (application) => application.id) };
  }

  @Mutation(() => AssistanceApplication, {
    description:
      '受理: opens an assistance (低保) application for the applicant\'s household with status ACCEPTED, applied today. ' +
      'householdId (户 id, H + 8 digits) is required until the household can be found from the applicant through population.',
  })
  async openAssistanceApplication(
    @Ctx() { em }: CivilAffairsContext,
    @Arg('idNumber', () => String, { description: 'The applicant\'s 公民身份号码' }) idNumber: string,
    @Arg('authorizationOnFile', () => Boolean, { description: 'The written authorization (授权书) for the 核对 has been received' }) authorizationOnFile: boolean,
    @Arg('householdId', () => ID, { nullable: true, description: 'The applicant\'s household (户), H + 8 digits' }) householdId?: string,
  ): Promise<AssistanceApplication> {
    const applicantIdNumber = checkedIdNumber(idNumber);
    if (!householdId) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, 'householdId is required: civil affairs cannot yet find the applicant\'s household (户) itself; pass the household id (H + 8 digits)');
    }
    if (!HOUSEHOLD_ID_PATTERN.test(householdId)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `householdId must be H followed by 8 digits; got "${householdId.slice(0, 20)}"`);
    }
    for (let attempt = 1; ; attempt++) {
      const { id, appliedOn } = newApplicationId();
      const application = Object.assign(new AssistanceApplication(), {
        id,
        applicantPersonId: personIdFor(applicantIdNumber, personIdSecret()),
        householdId,
        kind: 'DIBAO',
        status: 'ACCEPTED',
        authorizationOnFile,
        appliedOn,
        verifiedOn: null,
        investigatedOn: null,
        publicizedOn: null,
        decidedOn: null,
        decisionReason: null,
        gridCode: null,
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

  @FieldResolver(() => Person, { nullable: true })
  applicant(@Root() application: AssistanceApplication): Person {
    return { id: application.applicantPersonId };
  }

  @FieldResolver(() => Household, { nullable: true })
  household(@Root() application: AssistanceApplication): Household {
    return { id: application.householdId };
  }
}
