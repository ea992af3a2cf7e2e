import type { FilterQuery } from '@mikro-orm/core';
import { ErrorCode, HubError, escapeLike, scopedPrefix } from '@hub/access';
import { POPULATION_TYPE } from '@hub/domain';
import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import type { PersonConnection, PersonFilter } from '../entities/person-connection.type';
import { Person } from '../entities/person.entity';
import type { PopulationContext } from './context';

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
  const [rows, totalCount] = await Promise.all([
    context.em.find(Person, afterId ? { ...where, id: { $gt: afterId } } : where, { orderBy: { id: 'asc' }, limit: limit + 1 }),
    counted ? context.em.count(Person, where) : -1,
  ]);
  return { totalCount, ...toPage(rows, limit, (person) => person.id) };
}
