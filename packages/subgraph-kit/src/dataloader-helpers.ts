import DataLoader from 'dataloader';

/** A per-request loader that fetches many keys in one call and returns one value (or null) per key. */
export function oneLoader<K extends string, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader that returns all rows belonging to each key (one statement for all keys). */
export function manyLoader<K extends string, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** A per-request loader of one number per key computed by a grouped query; absent keys count as 0. */
export function countLoader<K extends string>(fetch: (keys: K[]) => Promise<Array<{ key: K; count: number }>>): DataLoader<K, number> {
  return new DataLoader<K, number>(async (keys) => {
    const rows = await fetch([...keys]);
    const byKey = new Map(rows.map((row) => [row.key, Number(row.count)] as const));
    return keys.map((key) => byKey.get(key) ?? 0);
  });
}
