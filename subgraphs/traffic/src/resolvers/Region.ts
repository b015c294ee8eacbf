import { parseGranularity, resolvePeriod, type PeriodInput } from '@safety-graph/shared';
import type { TrafficContext } from '../context';
import type { RegionResolvers } from '../generated/resolvers';

/**
 * Regions are owned by the agencies subgraph; this one adds their traffic
 * figures, a province including its counties. Any id is taken as given: a
 * region without records simply has zeros.
 */
export const Region: RegionResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  trafficStats: (region: { id: string }, args: { period: PeriodInput }, { loaders }: TrafficContext) =>
    loaders.statistics.stats.load({ regionId: region.id, ...resolvePeriod(args.period) }),
  trafficSeries: (region: { id: string }, args: { period: PeriodInput; granularity: string }, { loaders }: TrafficContext) =>
    loaders.statistics.series.load({ regionId: region.id, ...resolvePeriod(args.period), granularity: parseGranularity(args.granularity) }),
};
