import { randomInt } from 'node:crypto';
import { ErrorCode, HubError } from '@hub/access';
import { chinaClock } from '@hub/domain';
import { readHouseholdFacts } from '@hub/facts';
import type { SubgraphContext } from '@hub/subgraph-kit';
import type { AssistanceApplication } from '../entities/assistance-application.entity';
import type { SubsistenceCheck } from '../entities/subsistence-check.type';
import type { CivilAffairsLoaders } from '../loaders/civil-affairs.loaders';
import { caseStatusOf } from './case-status';
import { gridCodeFrom, memberFactsFrom } from './household-facts';
import { decideSubsistence, rulesOn } from './verdict';

/** What the root fields return: the check to run, before the gateway has brought the other departments' facts. */
export type PendingCheck = Pick<SubsistenceCheck, 'id' | 'householdId' | 'application'>;

/** `<application id>-<time><random>`: names the report and, before its first `-`, the application. */
function newReportId(applicationId: string): string {
  return `${applicationId}-${Date.now().toString(36)}${randomInt(36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

/**
 * A check of an open case's household. A case that is not open (closed, another office's, no 授权书, or no such
 * application) gets a check that will not run, with neither the application nor its household: the caller learns
 * only CASE_NOT_OPEN, not another office's or a closed application's status, refusal reason or household.
 */
export function pendingCheck(applicationId: string, application: AssistanceApplication | null, open: boolean): PendingCheck {
  return open && application ? { id: newReportId(applicationId), householdId: application.householdId, application } : { id: newReportId(applicationId), householdId: '', application: null };
}

/**
 * A check that was not run: its refusal only, no application (as pendingCheck). It keeps the household the
 * representation named, so that one naming a household this request did not open stays out of scope.
 */
function notRun(reference: { id: string; householdId: string }, checkedAt: string, checkedBy: string): SubsistenceCheck {
  return {
    id: reference.id,
    householdId: reference.householdId,
    application: null,
    eligible: false,
    reasons: ['CASE_NOT_OPEN'],
    memberCount: 0,
    perCapitaMonthlyIncome: 0,
    standardMonthly: 0,
    ownedDwellingCount: 0,
    nonExemptVehicleCount: 0,
    checkedAt,
    checkedBy,
    ruleVersion: '',
    incomeMonths: [],
    provenance: [],
  };
}

/**
 * The second half of a check, in civil affairs' `_entities`: the representation carries the household facts the
 * gateway gathered; civil affairs adds its own declared incomes, applies the dated rules, keeps the 核对报告
 * (one INSERT per batch) and answers the verdict.
 */
export async function completeCheck(reference: { id: string; householdId: string; household?: unknown }, { loaders, identity }: SubgraphContext<CivilAffairsLoaders>): Promise<SubsistenceCheck> {
  const checkedAt = new Date().toISOString();
  const applicationId = reference.id.split('-')[0];
  const application = await loaders.applicationById.load(applicationId);
  const open = caseStatusOf(applicationId, application, identity.jurisdiction).open;
  // Only a 低保 review of an open case with its household opened for this request computes and keeps anything.
  const inCase = identity.purpose === 'SUBSISTENCE_REVIEW' && !!identity.caseHouseholdIds?.includes(reference.householdId);
  if (!application || !open || !inCase || reference.householdId !== application.householdId) return notRun(reference, checkedAt, identity.sub);

  const household = readHouseholdFacts(reference.household);
  const members = memberFactsFrom(household);
  const declarations = (await loaders.declaredIncomeByPerson.loadMany((members ?? []).map((m) => m.personId))).flatMap((result) => (result instanceof Error ? [] : result));
  const region = application.gridCode ?? gridCodeFrom(household) ?? '';
  const standards = (await loaders.subsistenceStandards.load('all')).map((row) => ({ ...row, standardMonthly: row.monthlyStandard }));
  // Dates are China's: the standard in force and the income window follow the local calendar, not UTC's.
  const checkedOn = chinaClock().date;
  const rules = rulesOn(standards, region, checkedOn);
  if (!rules) throw new HubError(ErrorCode.BAD_USER_INPUT, `No 低保 standard is configured for region ${region || '(unknown)'} on ${checkedOn}`);

  const verdict = decideSubsistence({ members, incomes: declarations, rules, checkedAt, checkedOn });
  await loaders.keepReport.load({
    id: reference.id,
    applicationId,
    householdId: application.householdId,
    checkedAt: new Date(checkedAt),
    checkedBy: identity.sub,
    requestId: identity.requestId,
    ruleVersion: verdict.ruleVersion,
    eligible: verdict.eligible,
    reasons: verdict.reasons,
    facts: {
      members: verdict.members,
      incomeMonths: verdict.incomeMonths,
      figures: {
        memberCount: verdict.memberCount,
        perCapitaMonthlyIncome: verdict.perCapitaMonthlyIncome,
        standardMonthly: verdict.standardMonthly,
        ownedDwellingCount: verdict.ownedDwellingCount,
        nonExemptVehicleCount: verdict.nonExemptVehicleCount,
      },
      provenance: verdict.provenance,
    },
  });
  return { id: reference.id, householdId: reference.householdId, application, checkedAt, checkedBy: identity.sub, ...verdict };
}
