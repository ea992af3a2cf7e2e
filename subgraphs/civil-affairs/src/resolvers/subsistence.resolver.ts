import { ErrorCode, HubError, MAX_BATCH_REVIEW_APPLICATIONS } from '@hub/access';
import { personIdFor, personIdSecret } from '@hub/domain';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { pendingCheck, type PendingCheck } from '../check/run-check';
import { SubsistenceCheck } from '../entities/subsistence-check.type';
import { SubsistenceStandard } from '../entities/subsistence-standard.entity';
import { APPLICATION_ID_PATTERN, caseStatusOf } from '../check/case-status';
import type { CivilAffairsContext } from './context';
import { checkedIdNumber } from '@hub/access';

/**
 * 家庭经济状况核对. The root fields only name the checks; the gateway then brings the household's members
 * (population), owned dwellings (housing) and non-exempt vehicles (public security) to civil affairs, which
 * decides and keeps the 核对报告 (see check/run-check.ts). A batch of N applications is the same handful of
 * federated round trips as one.
 */
@Resolver(() => SubsistenceCheck)
export class SubsistenceResolver {
  @Query(() => SubsistenceCheck, {
    nullable: true,
    description: "家庭经济状况核对 of the X-Case-Id application's household; idNumber is the applicant's. Each check is kept as a 核对报告.",
  })
  async subsistenceCheck(@Arg('idNumber', () => String) idNumber: string, @Ctx() { identity, loaders }: CivilAffairsContext): Promise<PendingCheck> {
    const applicantId = personIdFor(checkedIdNumber(idNumber), personIdSecret());
    const caseId = identity.caseId ?? '';
    const application = APPLICATION_ID_PATTERN.test(caseId) ? await loaders.applicationById.load(caseId) : null;
    const status = caseStatusOf(caseId, application, identity.jurisdiction);
    if (!application || !status.open || !identity.caseHouseholdIds?.includes(application.householdId)) {
      throw new HubError(ErrorCode.CASE_NOT_OPEN, `Case ${caseId.slice(0, 40)} is not open: ${status.reason ?? 'not confirmed for this request'}`);
    }
    if (application.applicantPersonId !== applicantId) throw new HubError(ErrorCode.BAD_USER_INPUT, `The ID number is not the applicant's of case ${caseId}`);
    return pendingCheck(caseId, application, true);
  }

  @Query(() => [SubsistenceCheck], {
    description:
      `Batch 核对 (e.g. the annual 复核), each application its own case, at most ${MAX_BATCH_REVIEW_APPLICATIONS} per request, answered in the given order. ` +
      "An application that is not an open case of the caller's office with the 授权书 on file (or no such application) is not checked: " +
      'reasons [CASE_NOT_OPEN], with no application and an empty householdId.',
  })
  async subsistenceChecks(@Arg('applicationIds', () => [ID]) applicationIds: string[], @Ctx() { identity, loaders }: CivilAffairsContext): Promise<PendingCheck[]> {
    if (applicationIds.length > MAX_BATCH_REVIEW_APPLICATIONS) {
      throw new HubError(
        ErrorCode.BAD_USER_INPUT,
        `applicationIds may hold at most ${MAX_BATCH_REVIEW_APPLICATIONS} ids per request; got ${applicationIds.length} (send chunks, as npm run review does)`,
      );
    }
    const bad = applicationIds.find((id) => !APPLICATION_ID_PATTERN.test(id));
    if (bad !== undefined) throw new HubError(ErrorCode.BAD_USER_INPUT, `"${bad.slice(0, 24)}" is not an application id (A followed by up to 19 letters or digits)`);
    const applications = await loaders.applicationById.loadMany(applicationIds);
    const opened = new Set(identity.caseHouseholdIds ?? []);
    return applicationIds.map((id, index) => {
      const application = applications[index];
      // No such application answers as one that is not this office's case: a batch is no oracle of application ids.
      const found = application instanceof Error ? null : application;
      return pendingCheck(id, found, caseStatusOf(id, found, identity.jurisdiction).open && !!found && opened.has(found.householdId));
    });
  }

  @Query(() => [SubsistenceStandard], { description: 'The dated 低保 standards and property rules, per region, newest first' })
  subsistenceStandards(@Ctx() { loaders }: CivilAffairsContext): Promise<SubsistenceStandard[]> {
    return loaders.subsistenceStandards.load('all');
  }
}
