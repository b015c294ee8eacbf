import { parseGranularity, resolvePeriod, type PeriodInput } from '@safety-graph/shared';
import type { DivorceContext } from '../context';
import type { RegionResolvers } from '../generated/resolvers';

/**
 * Regions are owned by the agencies subgraph; this one adds their counselling
 * figures, a province including its counties. Any id is taken as given: a
 * region without records has zero sessions, and one outside the reference
 * hierarchy has no suppression table cell, so its counts of individuals stay unpublished.
 */
export const Region: RegionResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  familyStats: (region: { id: string }, args: { period: PeriodInput }, { loaders }: DivorceContext) =>
    loaders.statistics.stats.load({ regionId: region.id, ...resolvePeriod(args.period) }),
  familySeries: (region: { id: string }, args: { period: PeriodInput; granularity: string }, { loaders }: DivorceContext) =>
    loaders.statistics.series.load({ regionId: region.id, ...resolvePeriod(args.period), granularity: parseGranularity(args.granularity) }),
};
