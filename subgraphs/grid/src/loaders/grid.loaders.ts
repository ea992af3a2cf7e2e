import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { auditedFind, auditedRows, countLoader, manyLoader, oneLoader, type AuditRecorder, type AuditedRead } from '@hub/subgraph-kit';
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

/**
 * What each read answers, for the access events it writes in its own statement (docs/adr/0014): a grid has no
 * subject and is checked by its code; a dwelling's grid answers the dwelling's assignment and the grid's facts.
 */
const GRID_READ: AuditedRead = { type: 'Grid', gridCodeColumn: 'code' };
const GRID_LIST_READ: AuditedRead = { ...GRID_READ, alsoFor: ['Query'] };
const DWELLING_GRID_READ: AuditedRead = { type: ['Grid', 'Dwelling'], gridCodeColumn: 'code' };

/** Every loader issues exactly one SQL statement per batch; the reads of grids also write their access events. */
export function createGridLoaders(em: EntityManager, audit: AuditRecorder) {
  return {
    ...createGridEventLoaders(em),
    gridByCode: oneLoader(
      (codes: string[]) => auditedFind(em, audit, GRID_READ, Grid, { code: { $in: codes } }),
      (grid) => grid.code,
    ),

    /** `grids(regionCode:)`: the grids under a code prefix, with the look-up's events. */
    gridsUnder: (prefix: string): Promise<Grid[]> => auditedFind(em, audit, GRID_LIST_READ, Grid, { code: { $like: `${prefix}%` } }, { code: QueryOrder.ASC }),

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

    /** dwelling_grid ⋈ grid in one statement. */
    gridByDwelling: new DataLoader<string, Grid | null>(async (dwellingIds) => {
      const rows = await auditedRows<Record<string, unknown> & { assigned_dwelling_id: string }>(
        em,
        audit,
        DWELLING_GRID_READ,
        `select dg.dwelling_id as assigned_dwelling_id, g.* from dwelling_grid dg join grid g on g.code = dg.grid_code where dg.dwelling_id = any(string_to_array(?, ','))`,
        [dwellingIds.join(',')],
      );
      const byDwelling = new Map(rows.map(({ assigned_dwelling_id: dwellingId, ...grid }) => [dwellingId, em.map(Grid, grid as never)] as const));
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
