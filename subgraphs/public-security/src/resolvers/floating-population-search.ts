import type { FilterQuery } from '@mikro-orm/core';
import { ErrorCode, HubError } from '@hub/access';
import { GRID_CODE_PATTERN, INFLOW_REASON, REGION_CODE_PATTERN, RESIDENCE_TYPE } from '@hub/domain';
import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import type { FloatingPopulationConnection, FloatingPopulationFilter } from '../entities/floating-population';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import type { PublicSecurityContext } from './context';
import { checkedCode, checkedDate, checkedIdNumber, escapeLike } from './input';

/** The grid-code prefix to search: the caller's jurisdiction narrowed by the filter's region and grid. */
function gridPrefix(jurisdiction: string, regionCode: string | undefined, gridCode: string | undefined): string {
  let prefix = jurisdiction;
  if (regionCode) {
    if (!REGION_CODE_PATTERN.test(regionCode) && !GRID_CODE_PATTERN.test(regionCode)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `regionCode must be a 6, 9 or 12 digit region code or a 15 digit grid code; got "${regionCode.slice(0, 20)}"`);
    }
    if (regionCode.startsWith(jurisdiction)) prefix = regionCode;
    else if (!jurisdiction.startsWith(regionCode)) {
      throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Region ${regionCode} is outside your jurisdiction ${jurisdiction}`);
    }
  }
  if (gridCode) {
    if (!GRID_CODE_PATTERN.test(gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, `gridCode must be a 15 digit grid code; got "${gridCode.slice(0, 20)}"`);
    if (!gridCode.startsWith(jurisdiction)) throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `Grid ${gridCode} is outside your jurisdiction ${jurisdiction}`);
    if (!gridCode.startsWith(prefix)) throw new HubError(ErrorCode.BAD_USER_INPUT, `gridCode ${gridCode} is not within regionCode ${regionCode}`);
    prefix = gridCode;
  }
  return prefix;
}

function filterQuery(jurisdiction: string, filter: FloatingPopulationFilter | undefined): FilterQuery<FloatingRegistration> {
  const where: FilterQuery<FloatingRegistration> = {
    status: 'ACTIVE',
    gridCode: { $like: `${escapeLike(gridPrefix(jurisdiction, filter?.regionCode ?? undefined, filter?.gridCode ?? undefined))}%` },
  };
  if (!filter) return where;
  if (filter.inflowReason) where.inflowReason = checkedCode(INFLOW_REASON, filter.inflowReason, 'inflowReason');
  if (filter.residenceType) where.residenceType = checkedCode(RESIDENCE_TYPE, filter.residenceType, 'residenceType');
  const registeredOn: Record<string, string> = {};
  if (filter.registeredAfter) registeredOn.$gt = checkedDate(filter.registeredAfter, 'registeredAfter');
  if (filter.registeredBefore) registeredOn.$lt = checkedDate(filter.registeredBefore, 'registeredBefore');
  if (Object.keys(registeredOn).length) where.registeredOn = registeredOn;
  if (filter.permitExpiresBefore) where.permitExpiresOn = { $lt: checkedDate(filter.permitExpiresBefore, 'permitExpiresBefore') };
  // These two need other departments' data (housing's tenancies, population's names) and arrive with a later issue.
  if (filter.landlordIdNumber) {
    checkedIdNumber(filter.landlordIdNumber, 'landlordIdNumber');
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'The landlordIdNumber filter is not available yet (it needs housing\'s tenancy data)');
  }
  if (filter.name) {
    if (filter.name.length > 64) throw new HubError(ErrorCode.BAD_USER_INPUT, 'name filter is longer than 64 characters');
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'The name filter is not available yet (it needs population\'s register)');
  }
  return where;
}

/** ACTIVE registrations within the caller's jurisdiction, keyset-paginated in id order. */
export async function searchFloatingPopulation(
  { em, identity }: PublicSecurityContext,
  filter: FloatingPopulationFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<FloatingPopulationConnection> {
  const limit = pageSize(first);
  const where = filterQuery(identity.jurisdiction, filter);
  const afterId = decodeCursor(after);
  const [rows, totalCount] = await Promise.all([
    em.find(FloatingRegistration, afterId ? { $and: [where, { id: { $gt: afterId } }] } : where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
    em.count(FloatingRegistration, where),
  ]);
  return { totalCount, ...toPage(rows, limit, (registration) => registration.id) };
}
