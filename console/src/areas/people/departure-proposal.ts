import { FIELD_RESIDENT_LEFT } from '../housing/labels';

/** What a grid worker's 走访采集 of a resident gone proposes population record (CorrectionRequest.proposal of FIELD_RESIDENT_LEFT): person keys only. */
export interface DepartureProposal {
  personId: string;
  dwellingId: string;
  leftOn: string;
}

/** The proposal of a FIELD_RESIDENT_LEFT request, or undefined when the request is another kind or its proposal is not one. */
export function departureProposal(kind: string | null | undefined, proposal: string | null | undefined): DepartureProposal | undefined {
  if (kind !== FIELD_RESIDENT_LEFT || !proposal) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(proposal);
  } catch {
    return undefined;
  }
  const fields = parsed as Record<string, unknown> | null;
  const complete = !!fields && ['personId', 'dwellingId', 'leftOn'].every((key) => typeof fields[key] === 'string');
  return complete ? (fields as unknown as DepartureProposal) : undefined;
}
