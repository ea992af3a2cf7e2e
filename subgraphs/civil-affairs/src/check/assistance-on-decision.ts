import type { EntityManager } from '@mikro-orm/postgresql';
import { AssistanceRecord } from '../entities/assistance-record.entity';
import type { AssistanceApplication } from '../entities/assistance-application.entity';
import type { SubsistenceCheckReport } from '../entities/subsistence-check-report.entity';
import { round2, type SubsistenceVerdict } from './verdict';

/** What a kept 核对报告's facts hold, as far as the decision needs them. */
interface ReportFacts {
  members: SubsistenceVerdict['members'];
  figures: { perCapitaMonthlyIncome: number; standardMonthly: number };
}

/** What a decision did to the household's 低保 benefits: the persons whose records were opened and ended. */
export interface AssistanceChanges {
  opened: string[];
  ended: string[];
}

/**
 * The household's 低保 benefits as the 审批 decides them (issue #14: approval used to open none):
 * - APPROVED: each member the kept 核对报告 counted gets an ACTIVE 低保 record from the decision's day, unless it has
 *   one; its monthly amount is the household's shortfall per person, standard minus per-capita income (差额 — the
 *   usual rule; [I], confirm locally). A member it no longer counts (deceased, not living with the household) has
 *   its ACTIVE 低保 ended that day: the decision of a 复核 is the household as it is now.
 * - REJECTED: a household already receiving 低保 (a 复核 found it no longer eligible) has its ACTIVE 低保 ended.
 */
export async function applyDecisionToAssistance(
  tx: EntityManager,
  application: AssistanceApplication,
  decision: 'APPROVED' | 'REJECTED',
  day: string,
  report: SubsistenceCheckReport | null,
): Promise<AssistanceChanges> {
  const active = await tx.find(AssistanceRecord, { householdId: application.householdId, kind: 'DIBAO', status: 'ACTIVE' });
  const changes: AssistanceChanges = { opened: [], ended: [] };
  const end = (record: AssistanceRecord) => {
    Object.assign(record, { status: 'ENDED', endOn: day < record.startOn ? record.startOn : day, version: record.version + 1 });
    changes.ended.push(record.personId);
  };
  if (decision === 'REJECTED' || !report) {
    for (const record of active) end(record);
    await tx.flush();
    return changes;
  }
  const facts = report.facts as ReportFacts;
  const counted = new Set(facts.members.filter((member) => member.counted).map((member) => member.personId));
  const monthlyAmount = Math.max(0, round2(facts.figures.standardMonthly - facts.figures.perCapitaMonthlyIncome));
  for (const record of active) if (!counted.has(record.personId)) end(record);
  const receiving = new Set(active.filter((record) => counted.has(record.personId)).map((record) => record.personId));
  for (const personId of counted) {
    if (receiving.has(personId)) continue;
    tx.create(AssistanceRecord, {
      personId,
      householdId: application.householdId,
      kind: 'DIBAO',
      monthlyAmount,
      startOn: day,
      endOn: null,
      status: 'ACTIVE',
      gridCode: application.gridCode,
      version: 1,
    });
    changes.opened.push(personId);
  }
  await tx.flush();
  return changes;
}
