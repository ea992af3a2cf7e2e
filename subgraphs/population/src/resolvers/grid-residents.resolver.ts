import { reportedCount } from '@hub/access';
import { auditedQuery, decodeCursor, pageSize, selectsTotalCount, toPage, type AuditedRead } from '@hub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { HouseholdConnection } from '../entities/household-connection.type';
import { Household } from '../entities/household.entity';
import { PersonConnection } from '../entities/person-connection.type';
import { Grid } from '../entities/stubs';
import { ELDERLY_ALONE_UNDERLYING, RESIDENT_COUNT_UNDERLYING } from '../policy';
import type { PopulationContext } from './context';
import { searchPeople } from './person-search';

/** A grid's page of households, logged in the statement that reads it (docs/adr/0014). */
const HOUSEHOLDS_READ: AuditedRead = { type: 'Household', gridCodeColumn: 'grid_code', householdIdColumn: 'id' };

/** What population adds to a grid: its residents and households, and the summary counts of its register. */
@Resolver(() => Grid)
export class GridResidentsResolver {
  @FieldResolver(() => PersonConnection, { nullable: true, description: 'Residents whose residence is in this grid' })
  async residents(
    @Root() grid: Grid,
    @Ctx() context: PopulationContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<PersonConnection> {
    return searchPeople(context, { regionCode: grid.code }, first, after, selectsTotalCount(info));
  }

  @FieldResolver(() => HouseholdConnection, { nullable: true, description: 'Registered households (户) whose home is in this grid, ordered by id' })
  async households(
    @Root() grid: Grid,
    @Ctx() { em, audit }: PopulationContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<HouseholdConnection> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after);
    const where = { gridCode: grid.code };
    const page = em
      .createQueryBuilder(Household)
      .select('*')
      .where(afterId ? { ...where, id: { $gt: afterId } } : where)
      .orderBy({ id: 'asc' })
      .limit(limit + 1);
    const [rows, totalCount] = await Promise.all([auditedQuery(em, audit, { ...HOUSEHOLDS_READ, shownRows: limit }, Household, page), em.count(Household, where)]);
    return { totalCount, ...toPage(rows, limit, (household) => household.id) };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Living residents (实有人口) of the grid: digits, or "<5" for a purpose not allowed to list them' })
  async residentCount(@Root() grid: Grid, @Ctx() { identity, loaders }: PopulationContext): Promise<string> {
    return reportedCount((await loaders.gridStatistics.load(grid.code)).residents, identity.purpose, RESIDENT_COUNT_UNDERLYING);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Living residents of population type FLOATING (流动人口): digits, or "<5" for a purpose not allowed to list them' })
  async floatingCount(@Root() grid: Grid, @Ctx() { identity, loaders }: PopulationContext): Promise<string> {
    return reportedCount((await loaders.gridStatistics.load(grid.code)).floating, identity.purpose, RESIDENT_COUNT_UNDERLYING);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'People aged 80 or more living alone (a registered household of one, the member alive): digits, or "<5" for a purpose not allowed their households',
  })
  async elderlyLivingAloneCount(@Root() grid: Grid, @Ctx() { identity, loaders }: PopulationContext): Promise<string> {
    return reportedCount((await loaders.gridStatistics.load(grid.code)).elderlyLivingAlone, identity.purpose, ELDERLY_ALONE_UNDERLYING);
  }
}
