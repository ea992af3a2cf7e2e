import type { MemberFacts } from './verdict';

/**
 * The other departments' facts a 核对 needs, which the gateway fetches and hands to civil affairs: the members
 * and deaths from population, owned dwellings from housing, non-exempt vehicles from public security.
 * Civil affairs reads them for the decision and keeps them only in the report.
 */
export const REQUIRES_HOUSEHOLD_FACTS =
  '@requires(fields: "household { members { relationToHead livesWithHousehold person { id accessScope deathDate ownedDwellings { id } nonExemptVehicleCount } } }")';

interface RequiredHousehold {
  members?: Array<{
    relationToHead?: string | null;
    livesWithHousehold?: boolean | null;
    person?: { id?: string; accessScope?: string | null; deathDate?: string | null; ownedDwellings?: Array<{ id: string }> | null; nonExemptVehicleCount?: number | null } | null;
  } | null> | null;
}

/** The members as the representation carries them; null when population did not supply them. */
export function memberFactsFrom(household: RequiredHousehold | null | undefined): MemberFacts[] | null {
  if (!household || !Array.isArray(household.members)) return null;
  const members: MemberFacts[] = [];
  for (const member of household.members) {
    if (!member?.person?.id) return null;
    members.push({
      personId: member.person.id,
      relationToHead: member.relationToHead ?? null,
      livesWithHousehold: member.livesWithHousehold ?? null,
      deathDate: member.person.deathDate ?? null,
      ownedDwellingIds: Array.isArray(member.person.ownedDwellings) ? member.person.ownedDwellings.map((d) => d.id) : null,
      nonExemptVehicleCount: typeof member.person.nonExemptVehicleCount === 'number' ? member.person.nonExemptVehicleCount : null,
    });
  }
  return members;
}

/** The grid code population states for the first member (for the regional rules when the application has none). */
export function gridCodeFrom(household: RequiredHousehold | null | undefined): string | null {
  const scope = household?.members?.find((m) => m?.person?.accessScope)?.person?.accessScope;
  return scope ? scope.split('|')[0] || null : null;
}
