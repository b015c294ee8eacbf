import seedrandom from 'seedrandom';

/** A deterministic random source: the same seed name gives the same sequence on every machine. */
export class SeededRandom {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom(seed);
  }
  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weightOf(item), 0);
    let threshold = this.next() * total;
    for (const item of items) {
      threshold -= weightOf(item);
      if (threshold < 0) return item;
    }
    return items[items.length - 1];
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/**
 * Splits `total` into `parts` non-negative integers that add up to it exactly,
 * each near its share of the weights: how the demo hits the plan's figures.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((weight) => (sum === 0 ? 0 : (total * weight) / sum));
  const result = raw.map(Math.floor);
  let remainder = total - result.reduce((a, b) => a + b, 0);
  const order = raw.map((value, index) => ({ index, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (let i = 0; remainder > 0; i = (i + 1) % order.length, remainder -= 1) result[order[i].index] += 1;
  return result;
}
