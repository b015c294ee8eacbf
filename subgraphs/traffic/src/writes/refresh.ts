import type { TrafficContext } from '../context';

/** After a write, the figures this request may already have loaded (statistics, series, target actuals) are stale. */
export function forgetAggregates({ loaders }: TrafficContext): void {
  loaders.statistics.forget();
}
