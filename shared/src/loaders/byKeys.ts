import DataLoader from 'dataloader';

/** Keys may be composite (an object); loaders compare them by their JSON form. */
function cacheKey(key: unknown): unknown {
  return typeof key === 'object' && key !== null ? JSON.stringify(key) : key;
}

/**
 * A loader for one record per key: the batch function runs one
 * `WHERE key IN (...)` and the results come back in key order, null where a key
 * has no record. Create it per request, never share it across requests.
 */
export function loaderByKey<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V | null, unknown> {
  return new DataLoader<K, V | null, unknown>(
    async (keys) => {
      const byKey = new Map<unknown, V>();
      for (const value of await fetch(keys)) byKey.set(cacheKey(keyOf(value)), value);
      return keys.map((key) => byKey.get(cacheKey(key)) ?? null);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 1000 },
  );
}

/** A loader for the many records of each key (a one-to-many relation), in the order the fetch returns them. */
export function loaderGroupedByKey<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V[], unknown> {
  return new DataLoader<K, V[], unknown>(
    async (keys) => {
      const byKey = new Map<unknown, V[]>();
      for (const value of await fetch(keys)) {
        const key = cacheKey(keyOf(value));
        const group = byKey.get(key);
        if (group) group.push(value);
        else byKey.set(key, [value]);
      }
      return keys.map((key) => byKey.get(cacheKey(key)) ?? []);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 1000 },
  );
}

/**
 * The record a non-null field points to (an agency's region): the foreign key
 * guarantees it, so a missing one is our fault, answered as a masked internal
 * error on that field rather than a null the schema does not allow.
 */
export async function loadExisting<K, V>(loader: DataLoader<K, V | null, unknown>, key: K, what: string): Promise<V> {
  const value = await loader.load(key);
  if (value === null) throw new Error(`${what} ${String(key)} is missing`);
  return value;
}
