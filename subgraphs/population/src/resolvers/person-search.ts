import type { FilterQuery } from '@mikro-orm/core';
import { ErrorCode, HubError, escapeLike, scopedPrefix } from '@hub/access';
import { POPULATION_TYPE } from '@hub/domain';
import { auditedQuery, decodeCursor, pageSize, toPage, type AuditedRead } from '@hub/subgraph-kit';
import type { PersonConnection, PersonFilter } from '../entities/person-connection.type';
import { Person } from '../entities/person.entity';
import type { PopulationContext } from './context';

/** A page of residents and the search itself, logged in the statement that reads them (docs/adr/0014). */
const SEARCH_READ: AuditedRead = { type: 'Person', subjectColumn: 'id', gridCodeColumn: 'residence_grid_code', householdIdColumn: 'household_id', alsoFor: ['Query'] };

/** Keyset-paginated search over residents, always within the caller's jurisdiction, ordered by id (totalCount -1 when not counted). */
export async function searchPeople(
  context: PopulationContext,
  filter: PersonFilter | undefined,
  first: number | undefined,
  after: string | undefined,
  /** Run the count (the whole jurisdiction's residents, at worst) only when totalCount is selected. */
  counted = true,
): Promise<PersonConnection> {
  const limit = pageSize(first);
  const where: FilterQuery<Person> = { residenceGridCode: { $like: `${escapeLike(scopedPrefix(context.identity.jurisdiction, filter?.regionCode))}%` } };
  if (filter?.populationType) {
    if (!(filter.populationType in POPULATION_TYPE)) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, `populationType must be one of ${Object.keys(POPULATION_TYPE).join(', ')}`);
    }
    where.populationType = filter.populationType;
  }
  if (filter?.name) {
    if (filter.name.length > 64) throw new HubError(ErrorCode.BAD_USER_INPUT, 'name filter is longer than 64 characters');
    where.name = { $like: `${escapeLike(filter.name)}%` };
  }
  const afterId = decodeCursor(after);
  const page = context.em
    .createQueryBuilder(Person)
    .select('*')
    .where(afterId ? { ...where, id: { $gt: afterId } } : where)
    .orderBy({ id: 'asc' })
    .limit(limit + 1);
  const [rows, totalCount] = await Promise.all([auditedQuery(context.em, context.audit, { ...SEARCH_READ, shownRows: limit }, Person, page), counted ? context.em.count(Person, where) : -1]);
  return { totalCount, ...toPage(rows, limit, (person) => person.id) };
}
