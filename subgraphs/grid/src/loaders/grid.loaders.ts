import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { countLoader, manyLoader, oneLoader } from '@hub/subgraph-kit';
import { DwellingGrid } from '../entities/dwelling-grid.entity';
import { GridWorker } from '../entities/grid-worker.entity';
import { Grid } from '../entities/grid.entity';
import { Region } from '../entities/region.entity';
import { createGridEventLoaders } from './grid-event.loaders';

/** One page of a grid's dwellings: keyset on dwelling_id. */
export interface DwellingPageKey {
  gridCode: string;
  limit: number;
  /** Exclusive lower bound on dwelling_id; undefined for the first page. */
  afterId?: string;
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** Every loader issues exactly one SQL statement per batch. */
export function createGridLoaders(em: EntityManager) {
  return {
    ...createGridEventLoaders(em),
    gridByCode: oneLoader(
      (codes: string[]) => em.find(Grid, { code: { $in: codes } }),
      (grid) => grid.code,
    ),

    regionByCode: oneLoader(
      (codes: string[]) => em.find(Region, { code: { $in: codes } }),
      (region) => region.code,
    ),

    childrenByParent: manyLoader(
      (codes: string[]) => em.find(Region, { parentCode: { $in: codes } }, { orderBy: { code: QueryOrder.ASC } }),
      (region) => region.parentCode!,
    ),

    workersByGrid: manyLoader(
      (codes: string[]) => em.find(GridWorker, { gridCode: { $in: codes } }, { orderBy: { role: QueryOrder.ASC, name: QueryOrder.ASC, id: QueryOrder.ASC } }),
      (worker) => worker.gridCode,
    ),

    /** dwelling_grid ⋈ grid in one statement (joined populate). */
    gridByDwelling: new DataLoader<string, Grid | null>(async (dwellingIds) => {
      const assignments = await em.find(DwellingGrid, { dwellingId: { $in: [...dwellingIds] } }, { populate: ['grid'] });
      const byDwelling = new Map(assignments.map((assignment) => [assignment.dwellingId, assignment.grid] as const));
      return dwellingIds.map((id) => byDwelling.get(id) ?? null);
    }),

    dwellingCountByGrid: countLoader((codes: string[]) =>
      em
        .getConnection()
        .execute<Array<{ key: string; count: number }>>(
          `select grid_code as key, count(*)::int as count from dwelling_grid where grid_code in (${placeholders(codes.length)}) group by grid_code`,
          codes,
        ),
    ),

    /**
     * Pages of dwelling ids for many grids (each with its own size and cursor) in one statement: a lateral
     * keyset scan per requested page over the (grid_code, dwelling_id) index.
     */
    dwellingIdPage: new DataLoader<DwellingPageKey, string[], string>(
      async (keys) => {
        const values = keys.map(() => '(?::int, ?::char(15), ?::varchar, ?::int)').join(', ');
        const params = keys.flatMap((key, index) => [index, key.gridCode, key.afterId ?? '', key.limit]);
        const rows = await em.getConnection().execute<Array<{ page: number; dwelling_id: string }>>(
          `select w.page, d.dwelling_id from (values ${values}) as w(page, grid_code, after_id, page_size)
           cross join lateral (
             select dg.dwelling_id from dwelling_grid dg
             where dg.grid_code = w.grid_code and dg.dwelling_id > w.after_id
             order by dg.dwelling_id limit w.page_size
           ) d
           order by w.page, d.dwelling_id`,
          params,
        );
        const pages = keys.map((): string[] => []);
        for (const row of rows) pages[row.page].push(row.dwelling_id);
        return pages;
      },
      { cacheKeyFn: (key) => `${key.gridCode}|${key.limit}|${key.afterId ?? ''}` },
    ),
  };
}

export type GridLoaders = ReturnType<typeof createGridLoaders>;
