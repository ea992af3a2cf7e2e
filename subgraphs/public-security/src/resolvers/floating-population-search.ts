import { QueryOrder, raw, type ObjectQuery } from '@mikro-orm/core';
import { ErrorCode, HubError, outcomeFor } from '@hub/access';
import { GRID_CODE_PATTERN, INFLOW_REASON, personIdFor, personIdSecret, REGION_CODE_PATTERN, RESIDENCE_TYPE } from '@hub/domain';
import { auditedQuery, decodeCursor, encodeCursor, pageSize, type AuditedRead } from '@hub/subgraph-kit';
import { FloatingPopulationOrder, type FloatingPopulationConnection, type FloatingPopulationFilter } from '../entities/floating-population.type';
import { FloatingRegistration } from '../entities/floating-registration.entity';
import { REGISTRATION_LANDLORD } from '../policy';
import type { PublicSecurityContext } from './context';
import { checkedCode, checkedDate, checkedIdNumber, escapeLike } from '@hub/access';

export const NAME_FILTER_MAX_LENGTH = 64;

/** The expiry a registration sorts by: one without a permit expiry sorts after every dated one. */
const EXPIRY_KEY = "coalesce(permit_expires_on, 'infinity'::date)";
const NO_EXPIRY = 'infinity';

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

/** 姓名 or its beginning, as the registration recorded it: trimmed, 1–64 characters, no wildcards of its own. */
function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new HubError(ErrorCode.BAD_USER_INPUT, 'name must not be empty');
  if (trimmed.length > NAME_FILTER_MAX_LENGTH) throw new HubError(ErrorCode.BAD_USER_INPUT, `name filter is longer than ${NAME_FILTER_MAX_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'name must not contain control characters');
  return trimmed;
}

/**
 * The landlord filter reveals who rents from whom: a purpose that may not see the registration's landlord
 * may not search by one either (FORBIDDEN), and the landlord searched for is an audit subject.
 */
function landlordKey(context: PublicSecurityContext, idNumber: string): string {
  const key = personIdFor(checkedIdNumber(idNumber, 'landlordIdNumber'), personIdSecret());
  const outcome = outcomeFor(REGISTRATION_LANDLORD, context.identity.purpose);
  context.audit.note(key, REGISTRATION_LANDLORD.fieldClass, outcome);
  if (outcome === 'DENIED') throw new HubError(ErrorCode.FORBIDDEN, `The landlordIdNumber filter is not available for purpose ${context.identity.purpose}`);
  return key;
}

function filterQuery(context: PublicSecurityContext, filter: FloatingPopulationFilter | undefined): ObjectQuery<FloatingRegistration> {
  const prefix = gridPrefix(context.identity.jurisdiction, filter?.regionCode ?? undefined, filter?.gridCode ?? undefined);
  // A whole grid code is an equality: the (grid_code, id) index then yields the page in id order without a sort.
  const where: ObjectQuery<FloatingRegistration> = { status: 'ACTIVE', gridCode: GRID_CODE_PATTERN.test(prefix) ? prefix : { $like: `${escapeLike(prefix)}%` } };
  if (!filter) return where;
  if (filter.inflowReason) where.inflowReason = checkedCode(INFLOW_REASON, filter.inflowReason, 'inflowReason');
  if (filter.residenceType) where.residenceType = checkedCode(RESIDENCE_TYPE, filter.residenceType, 'residenceType');
  const registeredOn: Record<string, string> = {};
  if (filter.registeredAfter) registeredOn.$gt = checkedDate(filter.registeredAfter, 'registeredAfter');
  if (filter.registeredBefore) registeredOn.$lt = checkedDate(filter.registeredBefore, 'registeredBefore');
  if (Object.keys(registeredOn).length) where.registeredOn = registeredOn;
  if (filter.permitExpiresBefore) where.permitExpiresOn = { $lt: checkedDate(filter.permitExpiresBefore, 'permitExpiresBefore') };
  if (filter.name !== undefined && filter.name !== null) where.registrantName = { $like: `${escapeLike(checkedName(filter.name))}%` };
  if (filter.landlordIdNumber !== undefined && filter.landlordIdNumber !== null) where.landlordPersonId = landlordKey(context, filter.landlordIdNumber);
  return where;
}

/** Where a page starts: the sort key of the previous page's last row, for the order the cursor was made in. */
type Position = { order: FloatingPopulationOrder.ID; id: string } | { order: FloatingPopulationOrder.PERMIT_EXPIRES_ON; expiry: string; id: string };

const BAD_CURSOR = 'after is not a cursor returned by this API for this orderBy';

function decodePosition(after: string | undefined, order: FloatingPopulationOrder): Position | undefined {
  const key = decodeCursor(after);
  if (key === undefined) return undefined;
  if (order === FloatingPopulationOrder.ID) {
    if (key.includes('|') || key.length > 20) throw new HubError(ErrorCode.BAD_USER_INPUT, BAD_CURSOR);
    return { order, id: key };
  }
  const [tag, expiry, id, ...rest] = key.split('|');
  if (tag !== 'e' || !id || id.length > 20 || rest.length > 0 || (expiry !== NO_EXPIRY && !/^\d{4}-\d{2}-\d{2}$/.test(expiry ?? ''))) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, BAD_CURSOR);
  }
  return { order, expiry, id };
}

function positionOf(registration: FloatingRegistration, order: FloatingPopulationOrder): string {
  if (order === FloatingPopulationOrder.ID) return registration.id;
  return `e|${registration.permitExpiresOn ?? NO_EXPIRY}|${registration.id}`;
}

/** A page of registrations and the search itself, logged in the statement that reads them (docs/adr/0014). */
const SEARCH_READ: AuditedRead = { type: 'FloatingRegistration', subjectColumn: 'person_id', alsoFor: ['Query'] };

/** One page, keyset-paginated: `where` plus "after the position", in the order's (key, id) sequence. */
function findPage(context: PublicSecurityContext, where: ObjectQuery<FloatingRegistration>, order: FloatingPopulationOrder, position: Position | undefined, limit: number) {
  const qb = context.em.createQueryBuilder(FloatingRegistration).select('*').where(where).limit(limit);
  if (order === FloatingPopulationOrder.ID) {
    if (position) qb.andWhere({ id: { $gt: position.id } });
    qb.orderBy({ id: QueryOrder.ASC });
  } else {
    if (position?.order === FloatingPopulationOrder.PERMIT_EXPIRES_ON) qb.andWhere(`(${EXPIRY_KEY}, id) > (?::date, ?)`, [position.expiry, position.id]);
    qb.orderBy([{ [raw(EXPIRY_KEY)]: QueryOrder.ASC }, { id: QueryOrder.ASC }]);
  }
  // The page reads one row past its end (limit is the page size + 1) to know whether there is a next page; that row is not shown.
  return auditedQuery(context.em, context.audit, { ...SEARCH_READ, shownRows: limit - 1 }, FloatingRegistration, qb);
}

/**
 * ACTIVE registrations within the caller's jurisdiction, keyset-paginated: in id order, or by permit expiry
 * (earliest first, registrations without an expiry last; ties in id order) for "whose permit is about to lapse".
 * Without `counted` (totalCount not selected) no count runs and totalCount is not meaningful.
 */
export async function searchFloatingPopulation(
  context: PublicSecurityContext,
  filter: FloatingPopulationFilter | undefined,
  first: number | undefined,
  after: string | undefined,
  order: FloatingPopulationOrder = FloatingPopulationOrder.ID,
  counted = true,
): Promise<FloatingPopulationConnection> {
  const limit = pageSize(first);
  const where = filterQuery(context, filter);
  const position = decodePosition(after, order);
  // The count (up to every registration of the jurisdiction) runs only when totalCount is asked for, beside the page.
  const [rows, totalCount] = await Promise.all([findPage(context, where, order, position, limit + 1), counted ? context.em.count(FloatingRegistration, where) : -1]);
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return { totalCount, nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(positionOf(last, order)) : null } };
}
