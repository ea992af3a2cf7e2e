import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '@hub/domain';
import { manyLoader, oneLoader } from '@hub/subgraph-kit';
import { EventCategory } from '../entities/event-category.entity';
import { GridEventAttachment } from '../entities/grid-event-attachment.entity';
import { GridEventStepRow } from '../entities/grid-event-step.entity';
import { GridEvent } from '../entities/grid-event.entity';

/** The category rows valid on a day (YYYY-MM-DD, China): valid_from ≤ day < valid_to. */
export function categoriesValidOn(em: EntityManager, day: string, codes?: string[]): Promise<EventCategory[]> {
  return em.find(EventCategory, { validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gt: day } }], ...(codes ? { code: { $in: codes } } : {}) }, { orderBy: { code: QueryOrder.ASC } });
}

/** Every loader issues exactly one SQL statement per batch. */
export function createGridEventLoaders(em: EntityManager) {
  return {
    gridEventById: oneLoader(
      (ids: string[]) => em.find(GridEvent, { id: { $in: ids } }),
      (event) => String(event.id),
    ),
    /** A category by code: its newest row already in force (an expired category keeps its last name; a future row waits). */
    categoryByCode: oneLoader(
      (codes: string[]) =>
        em
          .find(EventCategory, { code: { $in: codes }, validFrom: { $lte: todayInChina() } }, { orderBy: { validFrom: QueryOrder.DESC } })
          .then((rows) => rows.filter((row, index) => rows.findIndex((r) => r.code === row.code) === index)),
      (category) => category.code,
    ),
    stepsByEvent: manyLoader(
      (ids: string[]) => em.find(GridEventStepRow, { eventId: { $in: ids } }, { orderBy: { id: QueryOrder.ASC } }),
      (step) => String(step.eventId),
    ),
    attachmentsByEvent: manyLoader(
      (ids: string[]) => em.find(GridEventAttachment, { eventId: { $in: ids } }, { orderBy: { id: QueryOrder.ASC } }),
      (attachment) => String(attachment.eventId),
    ),
  };
}
