import type { DataSource } from 'typeorm';

/**
 * How much a store's cache holds, in figures (a cached answer counts its
 * figures, a suppression table its cells, weighted): about 200,000 figures,
 * some tens of MB at most, far below the 250 MB a process may use.
 */
const CAPACITY = 200_000;

interface Entry {
  /** The versions of the measures the value was computed from, `measure=version` joined. */
  versions: string;
  value: unknown;
  weight: number;
}

/**
 * An in-process LRU of statistics computed from one store's rollups, each
 * entry valid only while the versions of the measures it read are unchanged
 * (the caller passes the versions read in its request), bounded by the total
 * weight of its entries (least recently used dropped first).
 */
export class StatCache {
  private readonly entries = new Map<string, Entry>();
  private weight = 0;

  constructor(private readonly capacity = CAPACITY) {}

  get<T>(key: string, versions: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.versions !== versions) {
      this.weight -= entry.weight;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value as T;
  }

  /** Keeps `value` under `key` for `versions`; `weight` is its share of the capacity (1 by default). */
  set(key: string, versions: string, value: unknown, weight = 1): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.weight -= previous.weight;
    }
    if (weight > this.capacity) return;
    this.entries.set(key, { versions, value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.capacity) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }

  /** Drops every entry (tests count what a request costs when nothing is cached). */
  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  /** How many entries, and their total weight, the cache holds. */
  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.weight };
  }
}

const caches = new WeakMap<DataSource, StatCache>();

/** The cache of one store (one per data source, so test stacks sharing a process never mix). */
export function statCacheOf(dataSource: DataSource): StatCache {
  let cache = caches.get(dataSource);
  if (!cache) caches.set(dataSource, (cache = new StatCache()));
  return cache;
}
