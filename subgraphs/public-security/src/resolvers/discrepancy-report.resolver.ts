import { discrepancyScan, escapeLike } from '@hub/access';
import {
  ASSISTANCE_HOUSEHOLD,
  FLOATING_REGISTRATION,
  FLOATING_TENANT,
  LAPSED_REGISTRATION,
  readFacts,
  statedFacts,
  statedFindings,
  type DiscrepancyFinding,
  type FloatingRegistrationFact,
  type LapsedRegistrationFact,
} from '@hub/facts';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { DiscrepancyReport } from '../entities/stubs';
import type { PublicSecurityContext } from './context';

/** The 低保 vehicle rule public security can decide: no vehicle that is not exempt (残疾人功能性补偿代步机动车). */
const NO_NON_EXEMPT_VEHICLE = 'NO_NON_EXEMPT_VEHICLE';

/** Public security's part of the grid center's discrepancy report (every field internal: @inaccessible). */
@Resolver(() => DiscrepancyReport)
export class DiscrepancyReportResolver {
  @FieldResolver(() => String, { nullable: true, description: 'ACTIVE registrations in the region: JSON [{registrationId, personId, dwellingId}]' })
  @Directive('@inaccessible')
  async floatingRegistrations(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: PublicSecurityContext): Promise<string> {
    const scan = discrepancyScan(identity, report, 'FLOATING_REGISTERED_ELSEWHERE');
    if (!scan) return '[]';
    const rows = await em.getConnection().execute<FloatingRegistrationFact[]>(
      `select id as "registrationId", person_id as "personId", dwelling_id as "dwellingId" from floating_registration
        where grid_code like ? and status = 'ACTIVE' and registered_on <= ?::date order by id`,
      [`${escapeLike(scan.prefix)}%`, scan.asOf],
    );
    return statedFacts(FLOATING_REGISTRATION, rows, 'ACTIVE floating registrations');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'ACTIVE registrations in the region whose permit expired or whose 居住证 missed its yearly 签注 by the report date: JSON [{registrationId, personId, reason}]',
  })
  @Directive('@inaccessible')
  async lapsedRegistrations(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: PublicSecurityContext): Promise<string> {
    const scan = discrepancyScan(identity, report, 'PERMIT_LAPSED_STILL_REGISTERED');
    if (!scan) return '[]';
    const rows = await em.getConnection().execute<LapsedRegistrationFact[]>(
      `select id as "registrationId", person_id as "personId",
              case when permit_expires_on < ?::date then 'PERMIT_EXPIRED' else 'ENDORSEMENT_MISSED' end as reason
         from floating_registration
        where grid_code like ? and status = 'ACTIVE'
          and (permit_expires_on < ?::date or last_endorsed_on < ?::date - interval '1 year')
        order by id`,
      [scan.asOf, `${escapeLike(scan.prefix)}%`, scan.asOf, scan.asOf],
    );
    return statedFacts(LAPSED_REGISTRATION, rows, 'lapsed registrations');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE and TENANT_WITHOUT_FLOATING_REGISTRATION, decided against what civil affairs, housing and population state: JSON DiscrepancyFinding[]',
  })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "assistanceHouseholds floatingTenants")')
  async publicSecurityFindings(@Root() report: DiscrepancyReport, @Ctx() { em, identity }: PublicSecurityContext): Promise<string> {
    const findings: DiscrepancyFinding[] = [];
    const sql = em.getConnection();
    if (discrepancyScan(identity, report, 'ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE')) {
      const households = readFacts(ASSISTANCE_HOUSEHOLD, report.assistanceHouseholds).filter((household) => household.vehicleRule === NO_NON_EXEMPT_VEHICLE);
      const members = households.flatMap((household) => household.members.map((member) => member.personId));
      const vehicles =
        members.length === 0
          ? []
          : await sql.execute<Array<{ id: string; owner_person_id: string }>>(
              `select id, owner_person_id from vehicle where owner_person_id = any(string_to_array(?, ',')) and not exempt order by id`,
              [members.join(',')],
            );
      for (const household of households) {
        const memberIds = new Set(household.members.map((member) => member.personId));
        const owned = vehicles.filter((vehicle) => memberIds.has(vehicle.owner_person_id));
        if (owned.length === 0) continue;
        findings.push({
          kind: 'ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE',
          gridCode: household.gridCode,
          personId: owned[0].owner_person_id,
          householdId: household.householdId,
          dwellingId: null,
          records: [
            ...household.members.map((member) => ({ department: 'CIVIL_AFFAIRS' as const, recordType: 'AssistanceRecord', recordId: member.recordId })),
            ...owned.map((vehicle) => ({ department: 'PUBLIC_SECURITY' as const, recordType: 'Vehicle', recordId: vehicle.id })),
          ],
          detail: `NON_EXEMPT_VEHICLES:${owned.length}`,
        });
      }
    }
    if (discrepancyScan(identity, report, 'TENANT_WITHOUT_FLOATING_REGISTRATION')) {
      const tenancies = readFacts(FLOATING_TENANT, report.floatingTenants);
      const registered =
        tenancies.length === 0
          ? []
          : await sql.execute<Array<{ person_id: string }>>(`select distinct person_id from floating_registration where person_id = any(string_to_array(?, ',')) and status = 'ACTIVE'`, [
              tenancies.map((tenancy) => tenancy.personId).join(','),
            ]);
      const withRegistration = new Set(registered.map((row) => row.person_id));
      for (const tenancy of tenancies) {
        if (withRegistration.has(tenancy.personId)) continue;
        findings.push({
          kind: 'TENANT_WITHOUT_FLOATING_REGISTRATION',
          gridCode: tenancy.gridCode,
          personId: tenancy.personId,
          householdId: null,
          dwellingId: tenancy.dwellingId,
          records: [
            { department: 'HOUSING', recordType: 'Tenancy', recordId: tenancy.tenancyId },
            { department: 'POPULATION', recordType: 'Person', recordId: tenancy.personId },
          ],
          detail: null,
        });
      }
    }
    return statedFindings(findings);
  }
}
