/**
 * The manifest of deliberately planted cases, so end-to-end tests can find them without searching:
 * 低保 applications with a known expected outcome, and cross-department discrepancies.
 */

/** Machine codes a subsistence check is expected to give (SubsistenceCheck.reasons in CONTRACT.md). */
export type IneligibilityReason = 'INCOME_ABOVE_STANDARD' | 'EXCESS_DWELLINGS' | 'NON_EXEMPT_VEHICLE' | 'MEMBER_DECEASED';

export interface PlantedApplication {
  applicationId: string;
  householdId: string;
  applicantPersonId: string;
  applicantIdNumber: string;
  gridCode: string;
  status: string;
  authorizationOnFile: boolean;
  /** Living members who live with the household (共同生活); a deceased member is still listed but not counted. */
  memberCount: number;
  /** Mean over the three declared months of the living members' total income, divided by memberCount. */
  perCapitaMonthlyIncome: number;
  ownedDwellingCount: number;
  nonExemptVehicleCount: number;
  exemptVehicleCount: number;
  expectedEligible: boolean;
  expectedReasons: IneligibilityReason[];
}

export interface PlantedClosedApplication {
  applicationId: string;
  householdId: string;
  applicantPersonId: string;
  applicantIdNumber: string;
  status: 'APPROVED' | 'REJECTED';
}

export interface PlantedDeceasedWithAssistance {
  personId: string;
  idNumber: string;
  householdId: string;
  deathDate: string;
  gridCode: string;
}

export interface PlantedFloatingElsewhere {
  registrationId: string;
  personId: string;
  idNumber: string;
  registeredDwellingId: string;
  residenceDwellingId: string;
  gridCode: string;
}

export interface PlantedLapsedPermit {
  registrationId: string;
  personId: string;
  idNumber: string;
  permitType: string;
  permitExpiresOn: string | null;
  lastEndorsedOn: string | null;
  reason: 'PERMIT_EXPIRED' | 'ENDORSEMENT_MISSED';
  gridCode: string;
}

export interface PlantedUnregisteredTenant {
  personId: string;
  idNumber: string;
  dwellingId: string;
  landlordPersonId: string;
  gridCode: string;
}

/** A police case of the register (案件登记), as seeded. */
export interface PlantedInvestigationCase {
  caseNumber: string;
  jurisdiction: string;
  open: boolean;
}

/** A person a seeded police case names (涉案人员). */
export interface PlantedInvestigationCaseSubject {
  caseNumber: string;
  personId: string;
  idNumber: string;
  gridCode: string | null;
}

export interface PlantedElderlyAlone {
  personId: string;
  idNumber: string;
  householdId: string;
  age: number;
  gridCode: string;
}

/** A 低保 household (ACTIVE DIBAO) breaking a property rule: more dwellings than the limit, or a non-exempt vehicle. */
export interface PlantedAssistanceProperty {
  householdId: string;
  /** The member who owns the extra dwelling or the vehicle (the head). */
  personId: string;
  idNumber: string;
  gridCode: string;
  /** ownership: the dwellings the household owns; vehicle: the non-exempt vehicles. */
  recordIds: string[];
}

export interface Planted {
  /** Open applications (ACCEPTED/VERIFYING/INVESTIGATING) that pass every rule. Some own an exempt vehicle. */
  eligibleApplications: PlantedApplication[];
  /** Open applications failing exactly one rule each. */
  incomeAboveStandard: PlantedApplication[];
  excessDwellings: PlantedApplication[];
  nonExemptVehicle: PlantedApplication[];
  memberDeceased: PlantedApplication[];
  closedApplications: PlantedClosedApplication[];
  /** Died according to population, still ACTIVE in civil affairs. */
  deceasedWithActiveAssistance: PlantedDeceasedWithAssistance[];
  /** The police registration names a dwelling other than the population register's residence. */
  floatingRegisteredElsewhere: PlantedFloatingElsewhere[];
  /** Every ACTIVE registration whose permit has expired or whose 居住证 missed its yearly 签注 (exhaustive). */
  lapsedPermitStillActive: PlantedLapsedPermit[];
  /** FLOATING persons with an active tenancy in housing but no floating registration (exhaustive). */
  tenantWithoutFloatingRegistration: PlantedUnregisteredTenant[];
  /** Living persons aged 80+ who form a household of one (exhaustive). */
  elderlyLivingAlone: PlantedElderlyAlone[];
  /** 低保 households owning more dwellings than the limit (exhaustive). */
  assistanceHouseholdExcessDwellings: PlantedAssistanceProperty[];
  /** 低保 households owning a non-exempt vehicle (exhaustive). */
  assistanceHouseholdNonExemptVehicle: PlantedAssistanceProperty[];
  /** Every case of public security's register (exhaustive). */
  investigationCases: PlantedInvestigationCase[];
  /** Every person those cases name (exhaustive). */
  investigationCaseSubjects: PlantedInvestigationCaseSubject[];
}

export const PLANTED_KEYS = [
  'eligibleApplications',
  'incomeAboveStandard',
  'excessDwellings',
  'nonExemptVehicle',
  'memberDeceased',
  'closedApplications',
  'deceasedWithActiveAssistance',
  'floatingRegisteredElsewhere',
  'lapsedPermitStillActive',
  'tenantWithoutFloatingRegistration',
  'elderlyLivingAlone',
  'assistanceHouseholdExcessDwellings',
  'assistanceHouseholdNonExemptVehicle',
  'investigationCases',
  'investigationCaseSubjects',
] as const satisfies ReadonlyArray<keyof Planted>;

export function emptyPlanted(): Planted {
  return Object.fromEntries(PLANTED_KEYS.map((key) => [key, []])) as unknown as Planted;
}

export function mergePlanted(into: Planted, from: Partial<Planted>): Planted {
  for (const key of PLANTED_KEYS) {
    const more = from[key];
    if (more?.length) (into[key] as unknown[]).push(...more);
  }
  return into;
}
