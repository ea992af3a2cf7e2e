import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEPARTMENTS, DISCREPANCY_KINDS, ErrorCode, HubError, type Department, type DiscrepancyKind } from '@hub/access';
import { GRID_CODE_PATTERN, personIdSecret } from '@hub/domain';

/** What a discrepancy is, as the grid center listed it: enough to address a correction without asking again. */
export interface DiscrepancyIdentity {
  kind: DiscrepancyKind;
  gridCode: string;
  personId: string | null;
  records: Array<{ department: Department; recordType: string; recordId: string }>;
}

const MAX_ID_LENGTH = 2000;

/**
 * The discrepancy's identity while the disagreement lasts: its kind and the records it names, in a fixed order.
 * The same disagreement gets the same key on every report, which is how a report finds its correction request.
 */
export function discrepancyKey(identity: Pick<DiscrepancyIdentity, 'kind' | 'records'>): string {
  const records = identity.records.map((r) => `${r.department}:${r.recordType}:${r.recordId}`).sort();
  return `${identity.kind}|${records.join(',')}`;
}

/** Keyed with the deployment's secret so that only a discrepancy the grid center itself listed can be raised. */
function signature(payload: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return createHmac('sha256', `gridhub-discrepancy-id|${personIdSecret(env)}`)
    .update(payload)
    .digest()
    .subarray(0, 16);
}

/**
 * `Discrepancy.id`: the identity, signed. The departments' findings are decided afresh on every report (ADR 0007),
 * so the grid center has no row to point to; the signed id lets `raiseCorrection` trust what the report showed
 * (kind, grid, records) without comparing the whole region again, and refuse anything else as unknown.
 */
export function encodeDiscrepancyId(identity: DiscrepancyIdentity): string {
  const payload = Buffer.from(JSON.stringify({ k: identity.kind, g: identity.gridCode, p: identity.personId, r: identity.records.map((r) => [r.department, r.recordType, r.recordId]) })).toString(
    'base64url',
  );
  return `${payload}.${signature(payload).toString('base64url')}`;
}

function unknownDiscrepancy(): HubError {
  return new HubError(ErrorCode.BAD_USER_INPUT, 'UNKNOWN_DISCREPANCY: 不是网格中心列出的差异，请从差异清单中选择 (not a discrepancy id from the discrepancies report)');
}

/** Reads a `Discrepancy.id`; a malformed, forged or altered one is BAD_USER_INPUT (UNKNOWN_DISCREPANCY). */
export function decodeDiscrepancyId(id: string): DiscrepancyIdentity {
  if (typeof id !== 'string' || id.length > MAX_ID_LENGTH) throw unknownDiscrepancy();
  const [payload, mac, ...rest] = id.split('.');
  if (!payload || !mac || rest.length > 0) throw unknownDiscrepancy();
  const expected = signature(payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unknownDiscrepancy();
  let parsed: { k?: unknown; g?: unknown; p?: unknown; r?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw unknownDiscrepancy();
  }
  const { k, g, p, r } = parsed;
  // Signed by us, so this only guards against a change of the format between versions.
  if (typeof k !== 'string' || !(k in DISCREPANCY_KINDS) || typeof g !== 'string' || !GRID_CODE_PATTERN.test(g) || !Array.isArray(r)) throw unknownDiscrepancy();
  const records = r.map((entry: unknown) => {
    if (!Array.isArray(entry) || entry.length !== 3 || !(DEPARTMENTS as readonly unknown[]).includes(entry[0]) || typeof entry[1] !== 'string' || typeof entry[2] !== 'string') {
      throw unknownDiscrepancy();
    }
    return { department: entry[0] as Department, recordType: entry[1], recordId: entry[2] };
  });
  return { kind: k as DiscrepancyKind, gridCode: g, personId: typeof p === 'string' ? p : null, records };
}
