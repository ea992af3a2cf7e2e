import { DEPARTMENTS, DISCREPANCY_KINDS, type DiscrepancyKind } from '@hub/access';
import { z } from 'zod';
import { factContract } from './contract';

/**
 * The facts of the grid center's discrepancy report (ADR 0007): what each department states on `DiscrepancyReport`
 * for the one that decides a kind, and the findings each decider states for the grid subgraph.
 */

const KINDS = Object.keys(DISCREPANCY_KINDS) as [DiscrepancyKind, ...DiscrepancyKind[]];

/** 人口 → 民政: a death the register records in the region. */
export const DECEASED_RESIDENT = factContract(
  'DiscrepancyReport.deceasedResidents',
  z.object({ personId: z.string(), householdId: z.string().nullable(), deathDate: z.string(), gridCode: z.string() }),
);
export type DeceasedResidentFact = z.infer<typeof DECEASED_RESIDENT.schema>;

/** 房屋 → 人口 (all current tenancies), 人口 → 公安 (those of FLOATING residents): a tenancy current on the report date. */
const tenancy = z.object({ tenancyId: z.string(), personId: z.string(), dwellingId: z.string(), gridCode: z.string() });
export const CURRENT_TENANCY = factContract('DiscrepancyReport.currentTenancies', tenancy);
export const FLOATING_TENANT = factContract('DiscrepancyReport.floatingTenants', tenancy);
export type TenancyFact = z.infer<typeof tenancy>;

/** 民政 → 房屋 and 公安: one 低保 household, its covered members and the property rules of the standard in force. */
export const ASSISTANCE_HOUSEHOLD = factContract(
  'DiscrepancyReport.assistanceHouseholds',
  z.object({
    householdId: z.string(),
    gridCode: z.string(),
    /** The standard in force on the report date: most dwellings a household may own, and the vehicle rule. */
    dwellingLimit: z.number().int().nonnegative(),
    vehicleRule: z.string(),
    members: z.array(z.object({ personId: z.string(), recordId: z.string() })),
  }),
);
export type AssistanceHouseholdFact = z.infer<typeof ASSISTANCE_HOUSEHOLD.schema>;

/** 公安 → 人口: an ACTIVE floating registration in the region. */
export const FLOATING_REGISTRATION = factContract('DiscrepancyReport.floatingRegistrations', z.object({ registrationId: z.string(), personId: z.string(), dwellingId: z.string().nullable() }));
export type FloatingRegistrationFact = z.infer<typeof FLOATING_REGISTRATION.schema>;

/** 公安 → 人口: an ACTIVE registration whose permit expired or whose 居住证 missed its yearly 签注. */
export const LAPSED_REGISTRATION = factContract(
  'DiscrepancyReport.lapsedRegistrations',
  z.object({ registrationId: z.string(), personId: z.string(), reason: z.enum(['PERMIT_EXPIRED', 'ENDORSEMENT_MISSED']) }),
);
export type LapsedRegistrationFact = z.infer<typeof LAPSED_REGISTRATION.schema>;

/** One department's record a discrepancy names. */
const recordRef = z.object({ department: z.enum(DEPARTMENTS), recordType: z.string(), recordId: z.string() });
export type DiscrepancyRecordRef = z.infer<typeof recordRef>;

/** A discrepancy as the deciding department states it for the grid subgraph (never shown as such). */
const finding = z.object({
  kind: z.enum(KINDS),
  /** Grid code of the place the finding is about (the person's residence or the household's). */
  gridCode: z.string(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  dwellingId: z.string().nullable(),
  records: z.array(recordRef),
  /** Machine detail, e.g. PERMIT_EXPIRED, or the dwelling count. */
  detail: z.string().nullable(),
});
export type DiscrepancyFinding = z.infer<typeof finding>;

/** Every decider's findings field (populationFindings, civilAffairsFindings, …) carries this one contract. */
export const discrepancyFindings = (field: string) => factContract(`DiscrepancyReport.${field}`, finding);

/** The findings as JSON (no size limit: a decider states at most what it was given). */
export function statedFindings(findings: DiscrepancyFinding[]): string {
  return JSON.stringify(findings);
}
