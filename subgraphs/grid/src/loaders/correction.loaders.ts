import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { CorrectionRequest, CorrectionRequestStep } from '../entities/correction-request.entity';

export interface CorrectionLoaders {
  /** The newest request of each discrepancy key (what the report shows as its correction). */
  latestByDiscrepancyKey: DataLoader<string, CorrectionRequest | null>;
  /** A request's steps, oldest first. */
  historyByRequest: DataLoader<string, CorrectionRequestStep[]>;
}

// Kept apart from createGridLoaders (one per request all the same: keyed by the request's forked EntityManager).
const perRequest = new WeakMap<EntityManager, CorrectionLoaders>();

/** This request's correction loaders; every loader issues one SQL statement per batch. */
export function correctionLoaders(em: EntityManager): CorrectionLoaders {
  let loaders = perRequest.get(em);
  if (!loaders) {
    loaders = {
      latestByDiscrepancyKey: new DataLoader(async (keys: readonly string[]) => {
        const rows = await em.find(CorrectionRequest, { discrepancyKey: { $in: [...keys] } }, { orderBy: { raisedAt: 'desc', id: 'desc' } });
        const latest = new Map<string, CorrectionRequest>();
        for (const row of rows) if (!latest.has(row.discrepancyKey)) latest.set(row.discrepancyKey, row);
        return keys.map((key) => latest.get(key) ?? null);
      }),
      historyByRequest: new DataLoader(async (ids: readonly string[]) => {
        const rows = await em.find(CorrectionRequestStep, { requestId: { $in: [...ids] } }, { orderBy: { requestId: 'asc', version: 'asc' } });
        return ids.map((id) => rows.filter((row) => row.requestId === id));
      }),
    };
    perRequest.set(em, loaders);
  }
  return loaders;
}
