import { discrepancyScan, escapeLike } from '@hub/access';
import { ASSISTANCE_HOUSEHOLD, CURRENT_TENANCY, readFacts, statedFacts, statedFindings, type DiscrepancyFinding, type TenancyFact } from '@hub/facts';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { DiscrepancyReport } from '../entities/stubs';
import type { HousingContext } from './context';

/** Housing's part of the grid center's discrepancy report (every field internal: @inaccessible). */
@Resolver(() => DiscrepancyReport)
export class DiscrepancyReportResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Tenancies current on the report date of dwellings in the region: JSON [{tenancyId, personId, dwellingId, gridCode}]' })
  @Directive('@inaccessible')
  async currentTenancies(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: HousingContext): Promise<string> {
    const scan = discrepancyScan(identity, report, 'TENANT_WITHOUT_FLOATING_REGISTRATION');
    if (!scan) return '[]';
    const rows = await em.getConnection().execute<TenancyFact[]>(
      `select t.id::text as "tenancyId", t.tenant_person_id as "personId", t.dwelling_id as "dwellingId", d.grid_code as "gridCode"
         from dwelling d join tenancy t on t.dwelling_id = d.id
        where d.grid_code like ? and t.start_on <= ?::date and (t.end_on is null or t.end_on >= ?::date)
        order by t.id`,
      [`${escapeLike(scan.prefix)}%`, scan.asOf, scan.asOf],
    );
    return statedFacts(CURRENT_TENANCY, rows, 'current tenancies');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS: 低保 households whose members own more distinct dwellings than the limit: JSON DiscrepancyFinding[]',
  })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "assistanceHouseholds")')
  async housingFindings(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: HousingContext): Promise<string> {
    if (!discrepancyScan(identity, report, 'ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS')) return '[]';
    const households = readFacts(ASSISTANCE_HOUSEHOLD, report.assistanceHouseholds);
    const members = households.flatMap((household) => household.members.map((member) => member.personId));
    if (members.length === 0) return '[]';
    const owned = await em
      .getConnection()
      .execute<Array<{ owner_person_id: string; dwelling_id: string }>>(
        `select distinct owner_person_id, dwelling_id from ownership where owner_person_id = any(string_to_array(?, ',')) order by owner_person_id, dwelling_id`,
        [members.join(',')],
      );
    const findings: DiscrepancyFinding[] = [];
    for (const household of households) {
      const memberIds = new Set(household.members.map((member) => member.personId));
      const rows = owned.filter((row) => memberIds.has(row.owner_person_id));
      const dwellings = [...new Set(rows.map((row) => row.dwelling_id))].sort();
      if (dwellings.length <= household.dwellingLimit) continue;
      findings.push({
        kind: 'ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS',
        gridCode: household.gridCode,
        personId: rows[0].owner_person_id,
        householdId: household.householdId,
        dwellingId: null,
        records: [
          ...household.members.map((member) => ({ department: 'CIVIL_AFFAIRS' as const, recordType: 'AssistanceRecord', recordId: member.recordId })),
          ...dwellings.map((dwellingId) => ({ department: 'HOUSING' as const, recordType: 'Dwelling', recordId: dwellingId })),
        ],
        detail: `OWNS:${dwellings.length};LIMIT:${household.dwellingLimit}`,
      });
    }
    return statedFindings(findings);
  }
}
