/** The kinds of deliberately planted cases and how many of each a district of a given size gets. */
export const HOUSEHOLD_PLANT_KINDS = [
  'ELIGIBLE',
  /** Eligible although a member owns a vehicle: it is exempt (残疾人功能性补偿代步机动车). */
  'ELIGIBLE_EXEMPT_VEHICLE',
  'INCOME_ABOVE_STANDARD',
  'EXCESS_DWELLINGS',
  'NON_EXEMPT_VEHICLE',
  'MEMBER_DECEASED',
  'CLOSED_APPROVED',
  'CLOSED_REJECTED',
  'DECEASED_WITH_ACTIVE_ASSISTANCE',
  /** Receives 低保 (ACTIVE DIBAO) while the household owns a second dwelling: the grid center's discrepancy. */
  'ASSISTANCE_EXCESS_DWELLINGS',
  /** Receives 低保 while the head owns a non-exempt vehicle: the grid center's discrepancy. */
  'ASSISTANCE_NON_EXEMPT_VEHICLE',
] as const;

export const FLOATING_PLANT_KINDS = ['FLOATING_REGISTERED_ELSEWHERE', 'TENANT_WITHOUT_REGISTRATION'] as const;

export type HouseholdPlantKind = (typeof HOUSEHOLD_PLANT_KINDS)[number];
export type FloatingPlantKind = (typeof FLOATING_PLANT_KINDS)[number];
export type PlantKind = HouseholdPlantKind | FloatingPlantKind;

export const OPEN_APPLICATION_KINDS: ReadonlySet<PlantKind> = new Set<PlantKind>([
  'ELIGIBLE',
  'ELIGIBLE_EXEMPT_VEHICLE',
  'INCOME_ABOVE_STANDARD',
  'EXCESS_DWELLINGS',
  'NON_EXEMPT_VEHICLE',
  'MEMBER_DECEASED',
]);

export function isHouseholdKind(kind: PlantKind): kind is HouseholdPlantKind {
  return (HOUSEHOLD_PLANT_KINDS as readonly string[]).includes(kind);
}

/**
 * About one application per 100 households: ~0.7 % open (all of them planted, so every open application
 * has a known expected outcome) and ~0.3 % closed; at least two of each kind even in a small district.
 */
export function plantCounts(households: number, floating: number): Record<PlantKind, number> {
  const atLeast = (minimum: number, value: number) => Math.max(minimum, Math.round(value));
  return {
    ELIGIBLE: atLeast(2, households * 0.0025),
    ELIGIBLE_EXEMPT_VEHICLE: atLeast(1, households * 0.0005),
    INCOME_ABOVE_STANDARD: atLeast(2, households * 0.001),
    EXCESS_DWELLINGS: atLeast(2, households * 0.001),
    NON_EXEMPT_VEHICLE: atLeast(2, households * 0.001),
    MEMBER_DECEASED: atLeast(2, households * 0.001),
    CLOSED_APPROVED: atLeast(2, households * 0.002),
    CLOSED_REJECTED: atLeast(2, households * 0.001),
    DECEASED_WITH_ACTIVE_ASSISTANCE: atLeast(2, households * 0.0005),
    ASSISTANCE_EXCESS_DWELLINGS: atLeast(2, households * 0.0005),
    ASSISTANCE_NON_EXEMPT_VEHICLE: atLeast(2, households * 0.0005),
    FLOATING_REGISTERED_ELSEWHERE: atLeast(2, floating * 0.003),
    TENANT_WITHOUT_REGISTRATION: atLeast(2, floating * 0.003),
  };
}
