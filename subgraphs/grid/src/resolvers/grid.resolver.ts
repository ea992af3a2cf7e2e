import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { GridWorker } from '../entities/grid-worker.entity';
import { Grid } from '../entities/grid.entity';
import { DwellingConnection } from '../entities/dwelling-connection.type';
import { Dwelling } from '../entities/stubs';
import { Region } from '../entities/region.entity';
import type { GridContext } from './context';
import { checkedGridCode, escapeLike, scopedPrefix } from './jurisdiction';

@Resolver(() => Grid)
export class GridResolver {
  @Query(() => Grid, { nullable: true, description: 'A grid by its 15-digit code' })
  async grid(@Arg('code', () => String) code: string, @Ctx() { loaders }: GridContext): Promise<Grid | null> {
    return loaders.gridByCode.load(checkedGridCode(code));
  }

  @Query(() => [Grid], { description: "Grids within the caller's jurisdiction, optionally within a region (6/9/12 digits) or one grid (15), ordered by code" })
  async grids(@Ctx() { identity, loaders }: GridContext, @Arg('regionCode', () => String, { nullable: true }) regionCode?: string): Promise<Grid[]> {
    const prefix = scopedPrefix(identity.jurisdiction, regionCode);
    const grids = await loaders.gridsUnder(escapeLike(prefix));
    for (const grid of grids) loaders.gridByCode.prime(grid.code, grid);
    return grids;
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The community the grid belongs to' })
  region(@Root() grid: Grid, @Ctx() { loaders }: GridContext): Promise<Region | null> {
    return loaders.regionByCode.load(grid.regionCode);
  }

  @FieldResolver(() => [GridWorker], { nullable: true, description: '网格长 first, then 网格员' })
  workers(@Root() grid: Grid, @Ctx() { loaders }: GridContext): Promise<GridWorker[]> {
    return loaders.workersByGrid.load(grid.code);
  }

  @FieldResolver(() => [Dwelling], {
    nullable: true,
    description: 'Dwellings assigned to the grid, ordered by id; `after` is a cursor of the last dwelling id of the previous page (default 20, at most 500)',
  })
  async dwellings(
    @Root() grid: Grid,
    @Ctx() { loaders }: GridContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Dwelling[]> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after);
    if (limit === 0) return [];
    const ids = await loaders.dwellingIdPage.load({ gridCode: grid.code, limit, afterId });
    return ids.map((id) => ({ id }));
  }

  @FieldResolver(() => DwellingConnection, {
    nullable: true,
    description: 'Dwellings assigned to the grid as a connection (the same order and cursors as dwellings): default 20, at most 500',
  })
  async dwellingsConnection(
    @Root() grid: Grid,
    @Ctx() { loaders }: GridContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<DwellingConnection> {
    const limit = pageSize(first);
    const afterId = decodeCursor(after);
    const [ids, totalCount] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : loaders.dwellingIdPage.load({ gridCode: grid.code, limit: limit + 1, afterId }),
      loaders.dwellingCountByGrid.load(grid.code),
    ]);
    return {
      totalCount,
      ...toPage(
        ids.map((id) => ({ id })),
        limit,
        (dwelling) => dwelling.id,
      ),
    };
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Number of dwellings assigned to the grid' })
  dwellingCount(@Root() grid: Grid, @Ctx() { loaders }: GridContext): Promise<number> {
    return loaders.dwellingCountByGrid.load(grid.code);
  }
}
