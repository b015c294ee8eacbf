/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every
 * item as an argument and overflows the call stack past ~100,000 items, which
 * national-volume seeds and rollup rebuilds reach.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
