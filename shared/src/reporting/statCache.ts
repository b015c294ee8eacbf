import type { DataSource } from 'typeorm';

/** How many cached answers a store keeps (least recently used dropped first). */
const CAPACITY = 2_000;

interface Entry {
  /** The versions of the measures the value was computed from, `measure=version` joined. */
  versions: string;
  value: unknown;
}

/**
 * An in-process LRU of statistics computed from one store's rollups, each
 * entry valid only while the versions of the measures it read are unchanged
 * (the caller passes the versions read in its request).
 */
export class StatCache {
  private readonly entries = new Map<string, Entry>();

  get<T>(key: string, versions: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.versions !== versions) return undefined;
    this.entries.set(key, entry);
    return entry.value as T;
  }

  set(key: string, versions: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { versions, value });
    while (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }
}

const caches = new WeakMap<DataSource, StatCache>();

/** The cache of one store (one per data source, so test stacks sharing a process never mix). */
export function statCacheOf(dataSource: DataSource): StatCache {
  let cache = caches.get(dataSource);
  if (!cache) caches.set(dataSource, (cache = new StatCache()));
  return cache;
}
