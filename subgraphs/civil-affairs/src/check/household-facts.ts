import type { RequiredHousehold } from '@hub/facts';
import type { MemberFacts } from './verdict';

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
