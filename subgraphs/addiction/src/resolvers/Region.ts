import { parseGranularity, resolvePeriod, type PeriodInput } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { RegionResolvers } from '../generated/resolvers';

/**
 * Regions are owned by the agencies subgraph; this one adds their prevention
 * figures, a province including its counties. Any id is taken as given: a
 * region without records has zero activity (and, outside the reference tree,
 * no published small counts).
 */
export const Region: RegionResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  preventionStats: (region: { id: string }, args: { period: PeriodInput }, { loaders }: AddictionContext) =>
    loaders.statistics.stats.load({ regionId: region.id, ...resolvePeriod(args.period) }),
  preventionSeries: (region: { id: string }, args: { period: PeriodInput; granularity: string }, { loaders }: AddictionContext) =>
    loaders.statistics.series.load({ regionId: region.id, ...resolvePeriod(args.period), granularity: parseGranularity(args.granularity) }),
};
