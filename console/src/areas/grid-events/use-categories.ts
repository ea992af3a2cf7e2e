import { useMemo } from 'react';
import { useHubQuery } from '../../api/use-query';
import type { EventCategoriesQuery as EventCategoriesData } from '../../gql/graphql';
import { EventCategoriesQuery } from './queries';

export type Category = EventCategoriesData['eventCategories'][number];

/** The category table valid today, by code (for names, the usual department and the SLA hours). */
export function useCategories(): { categories: ReadonlyMap<string, Category>; list: readonly Category[]; loading: boolean } {
  const { result, loading } = useHubQuery(EventCategoriesQuery, {});
  const list = useMemo(() => result?.data?.eventCategories ?? [], [result]);
  const categories = useMemo(() => new Map(list.map((c) => [c.code, c])), [list]);
  return { categories, list, loading };
}
