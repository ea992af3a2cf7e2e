import { z } from 'zod';
import { MalformedFactError } from './contract';

/**
 * The other departments' facts a 低保 核对 needs, which the gateway fetches and hands to civil affairs: the members
 * and deaths from population, owned dwellings from housing, non-exempt vehicles from public security. They travel as
 * GraphQL objects (the @requires selection below), not JSON; the schema is that selection's shape. A part the
 * policy withholds arrives as null.
 */
export const REQUIRES_HOUSEHOLD_FACTS =
  '@requires(fields: "household { members { relationToHead livesWithHousehold person { id accessScope deathDate ownedDwellings { id } nonExemptVehicleCount } } }")';

const member = z.object({
  relationToHead: z.string().nullish(),
  livesWithHousehold: z.boolean().nullish(),
  person: z
    .object({
      id: z.string().optional(),
      accessScope: z.string().nullish(),
      deathDate: z.string().nullish(),
      ownedDwellings: z.array(z.object({ id: z.string() })).nullish(),
      nonExemptVehicleCount: z.number().int().nullish(),
    })
    .nullish(),
});

const household = z.object({ members: z.array(member.nullable()).nullish() });
export type RequiredHousehold = z.infer<typeof household>;

/** The household facts of a SubsistenceCheck representation; null when population supplied none. */
export function readHouseholdFacts(value: unknown): RequiredHousehold | null {
  if (value === null || value === undefined) return null;
  const result = household.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MalformedFactError('SubsistenceCheck.household', `${issue.path.map(String).join('.') || '(the household)'}: ${issue.message}`);
  }
  return result.data;
}
