import type { MetricDirection } from '@safety-graph/shared';

/**
 * How far the actual has moved from the baseline towards the target: 0 at the
 * baseline, 1 when the target is met exactly, above 1 when it is beaten,
 * negative when things got worse. Null when there is no actual yet or the
 * target equals the baseline (no distance to cover). Rounded to 4 decimals.
 */
export function attainment(direction: MetricDirection, baseline: number, target: number, actual: number | null | undefined): number | null {
  if (actual === null || actual === undefined || target === baseline) return null;
  const ratio = direction === 'DECREASE' ? (baseline - actual) / (baseline - target) : (actual - baseline) / (target - baseline);
  return Math.round(ratio * 10000) / 10000;
}
