import { discrepancyScan, escapeLike } from '@hub/access';
import {
  CURRENT_TENANCY,
  DECEASED_RESIDENT,
  FLOATING_REGISTRATION,
  FLOATING_TENANT,
  LAPSED_REGISTRATION,
  readFacts,
  statedFacts,
  statedFindings,
  type DeceasedResidentFact,
  type DiscrepancyFinding,
} from '@hub/facts';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { DiscrepancyReport } from '../entities/stubs';
import type { PopulationContext } from './context';

interface Resident {
  id: string;
  household_id: string | null;
  residence_dwelling_id: string | null;
  residence_grid_code: string | null;
}

/** Living residents among `ids`, one statement for any number of ids. */
async function livingResidents({ em }: PopulationContext, ids: string[]): Promise<Map<string, Resident>> {
  if (ids.length === 0) return new Map();
  const rows = await em
    .getConnection()
    .execute<Resident[]>(`select id, household_id, residence_dwelling_id, residence_grid_code from person where id = any(string_to_array(?, ',')) and death_date is null`, [
      [...new Set(ids)].join(','),
    ]);
  return new Map(rows.map((row) => [row.id, row] as const));
}

/** Population's part of the grid center's discrepancy report (every field internal: @inaccessible). */
@Resolver(() => DiscrepancyReport)
export class DiscrepancyReportResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Deaths the register records in the region: JSON [{personId, householdId, deathDate, gridCode}]' })
  @Directive('@inaccessible')
  async deceasedResidents(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: PopulationContext): Promise<string> {
    const scan = discrepancyScan(identity, report, 'DECEASED_WITH_ACTIVE_ASSISTANCE');
    if (!scan) return '[]';
    const rows = await em.getConnection().execute<DeceasedResidentFact[]>(
      `select id as "personId", household_id as "householdId", to_char(death_date, 'YYYY-MM-DD') as "deathDate", residence_grid_code as "gridCode"
         from person where residence_grid_code like ? and death_date <= ?::date order by id`,
      [`${escapeLike(scan.prefix)}%`, scan.asOf],
    );
    return statedFacts(DECEASED_RESIDENT, rows, 'deaths');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Current tenants the register has as FLOATING and living: the tenancy facts, narrowed' })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "currentTenancies")')
  async floatingTenants(@Root() report: DiscrepancyReport, @Ctx() context: PopulationContext): Promise<string> {
    if (!discrepancyScan(context.identity, report, 'TENANT_WITHOUT_FLOATING_REGISTRATION')) return '[]';
    const tenancies = readFacts(CURRENT_TENANCY, report.currentTenancies);
    const rows =
      tenancies.length === 0
        ? []
        : await context.em
            .getConnection()
            .execute<Array<{ id: string }>>(`select id from person where id = any(string_to_array(?, ',')) and population_type = 'FLOATING' and death_date is null`, [
              [...new Set(tenancies.map((t) => t.personId))].join(','),
            ]);
    const floating = new Set(rows.map((row) => row.id));
    return statedFacts(
      FLOATING_TENANT,
      tenancies.filter((t) => floating.has(t.personId)),
      'floating tenants',
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'FLOATING_REGISTERED_ELSEWHERE and PERMIT_LAPSED_STILL_REGISTERED, decided against the register: JSON DiscrepancyFinding[]',
  })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "floatingRegistrations lapsedRegistrations")')
  async populationFindings(@Root() report: DiscrepancyReport, @Ctx() context: PopulationContext): Promise<string> {
    const findings: DiscrepancyFinding[] = [];
    const registrations = discrepancyScan(context.identity, report, 'FLOATING_REGISTERED_ELSEWHERE') ? readFacts(FLOATING_REGISTRATION, report.floatingRegistrations) : [];
    const lapsed = discrepancyScan(context.identity, report, 'PERMIT_LAPSED_STILL_REGISTERED') ? readFacts(LAPSED_REGISTRATION, report.lapsedRegistrations) : [];
    const residents = await livingResidents(
      context,
      [...registrations, ...lapsed].map((fact) => fact.personId),
    );
    // Both kinds name the police registration and the register's person, at the register's residence.
    const finding = (kind: DiscrepancyFinding['kind'], resident: Resident, registrationId: string, detail: string): DiscrepancyFinding => ({
      kind,
      gridCode: resident.residence_grid_code ?? '',
      personId: resident.id,
      householdId: resident.household_id,
      dwellingId: resident.residence_dwelling_id,
      records: [
        { department: 'PUBLIC_SECURITY', recordType: 'FloatingRegistration', recordId: registrationId },
        { department: 'POPULATION', recordType: 'Person', recordId: resident.id },
      ],
      detail,
    });
    for (const registration of registrations) {
      const resident = residents.get(registration.personId);
      if (!resident?.residence_dwelling_id || !registration.dwellingId || resident.residence_dwelling_id === registration.dwellingId) continue;
      findings.push(finding('FLOATING_REGISTERED_ELSEWHERE', resident, registration.registrationId, `REGISTERED_AT:${registration.dwellingId}`));
    }
    for (const registration of lapsed) {
      const resident = residents.get(registration.personId);
      if (!resident?.residence_dwelling_id) continue;
      findings.push(finding('PERMIT_LAPSED_STILL_REGISTERED', resident, registration.registrationId, registration.reason));
    }
    return statedFindings(findings);
  }
}
