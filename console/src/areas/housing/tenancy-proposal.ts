/** What a grid worker's 走访采集 proposes housing record (CorrectionRequest.proposal of FIELD_TENANCY_STARTED): people by key only. */
export interface TenancyProposal {
  tenantPersonId: string;
  landlordPersonId: string;
  rentalUse: string;
  startOn: string;
}

export const FIELD_TENANCY_STARTED = 'FIELD_TENANCY_STARTED';

/** The proposal of a FIELD_TENANCY_STARTED request, or undefined when the request is another kind or its proposal is not one. */
export function tenancyProposal(kind: string | null | undefined, proposal: string | null | undefined): TenancyProposal | undefined {
  if (kind !== FIELD_TENANCY_STARTED || !proposal) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(proposal);
  } catch {
    return undefined;
  }
  const fields = parsed as Record<string, unknown> | null;
  const complete = !!fields && ['tenantPersonId', 'landlordPersonId', 'rentalUse', 'startOn'].every((key) => typeof fields[key] === 'string');
  return complete ? (fields as unknown as TenancyProposal) : undefined;
}
