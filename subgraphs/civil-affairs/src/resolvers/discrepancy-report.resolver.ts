import { discrepancyScan, escapeLike } from '@hub/access';
import { ASSISTANCE_HOUSEHOLD, DECEASED_RESIDENT, readFacts, statedFacts, statedFindings, type AssistanceHouseholdFact, type DiscrepancyFinding } from '@hub/facts';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { DiscrepancyReport } from '../entities/stubs';
import { SubsistenceStandard } from '../entities/subsistence-standard.entity';
import type { CivilAffairsContext } from './context';

/** Civil affairs' part of the grid center's discrepancy report (every field internal: @inaccessible). */
@Resolver(() => DiscrepancyReport)
export class DiscrepancyReportResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: '低保 households (ACTIVE DIBAO) in the region with their covered members and the property rules in force: JSON AssistanceHouseholdFact[]',
  })
  @Directive('@inaccessible')
  async assistanceHouseholds(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: CivilAffairsContext): Promise<string> {
    const scan = discrepancyScan(identity, report, ['ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS', 'ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE']);
    if (!scan) return '[]';
    const [rows, standards] = await Promise.all([
      em.getConnection().execute<Array<{ id: string; person_id: string; household_id: string; grid_code: string }>>(
        `select id::text, person_id, household_id, grid_code from assistance_record
          where grid_code like ? and kind = 'DIBAO' and status = 'ACTIVE' and household_id is not null and start_on <= ?::date
          order by household_id, person_id, id`,
        [`${escapeLike(scan.prefix)}%`, scan.asOf],
      ),
      em.find(SubsistenceStandard, { effectiveFrom: { $lte: scan.asOf } }, { orderBy: { effectiveFrom: 'desc' } }),
    ]);
    const households = new Map<string, AssistanceHouseholdFact>();
    for (const row of rows) {
      let household = households.get(row.household_id);
      if (!household) {
        const standard = standards.find((s) => row.grid_code.startsWith(s.regionCode));
        if (!standard) continue; // no standard in force there: no property rule to break
        household = { householdId: row.household_id, gridCode: row.grid_code, dwellingLimit: standard.dwellingLimit, vehicleRule: standard.vehicleRule, members: [] };
        households.set(row.household_id, household);
      }
      if (!household.members.some((m) => m.personId === row.person_id)) household.members.push({ personId: row.person_id, recordId: row.id });
    }
    return statedFacts(ASSISTANCE_HOUSEHOLD, [...households.values()], '低保 households');
  }

  @FieldResolver(() => String, { nullable: true, description: 'DECEASED_WITH_ACTIVE_ASSISTANCE, decided against the deaths population states: JSON DiscrepancyFinding[]' })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "deceasedResidents")')
  async civilAffairsFindings(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: CivilAffairsContext): Promise<string> {
    if (!discrepancyScan(identity, report, ['DECEASED_WITH_ACTIVE_ASSISTANCE'])) return '[]';
    const deceased = readFacts(DECEASED_RESIDENT, report.deceasedResidents);
    if (deceased.length === 0) return '[]';
    const records = await em
      .getConnection()
      .execute<Array<{ id: string; person_id: string }>>(
        `select id::text, person_id from assistance_record where person_id = any(string_to_array(?, ',')) and status = 'ACTIVE' order by person_id, id`,
        [deceased.map((d) => d.personId).join(',')],
      );
    const findings: DiscrepancyFinding[] = [];
    for (const person of deceased) {
      const active = records.filter((record) => record.person_id === person.personId);
      if (active.length === 0) continue;
      findings.push({
        kind: 'DECEASED_WITH_ACTIVE_ASSISTANCE',
        gridCode: person.gridCode,
        personId: person.personId,
        householdId: person.householdId,
        dwellingId: null,
        records: [
          { department: 'POPULATION', recordType: 'Person', recordId: person.personId },
          ...active.map((record) => ({ department: 'CIVIL_AFFAIRS' as const, recordType: 'AssistanceRecord', recordId: record.id })),
        ],
        detail: `DIED:${person.deathDate}`,
      });
    }
    return statedFindings(findings);
  }
}
