import { apportion, type SeededRandom } from '@safety-graph/shared';

/**
 * Splits `total` into values between `min` and `max` (as many as it takes at
 * about `mean` each) that add up to `total` exactly: sessions whose attendance
 * looks random yet sums to the plan's figure. A total below `min` becomes one
 * value, zero becomes none.
 */
export function boundedSplit(random: SeededRandom, total: number, mean: number, min: number, max: number): number[] {
  if (total <= 0) return [];
  if (total < min) return [total];
  const count = Math.min(Math.max(Math.round(total / mean), Math.ceil(total / max), 1), Math.floor(total / min));
  const weights = Array.from({ length: count }, () => random.int(min, max));
  const values = apportion(total, weights).map((value) => Math.min(max, Math.max(min, value)));
  let difference = total - values.reduce((sum, value) => sum + value, 0);
  // Clamping moved the sum a little; walk it back one unit at a time on values that stay in bounds.
  while (difference !== 0) {
    const step = Math.sign(difference);
    const index = random.int(0, count - 1);
    const next = values[index] + step;
    if (next >= min && next <= max) {
      values[index] = next;
      difference -= step;
    }
  }
  return values;
}
