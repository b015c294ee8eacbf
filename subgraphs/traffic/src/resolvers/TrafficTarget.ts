import type { TrafficContext } from '../context';
import type { TrafficTargetResolvers } from '../generated/resolvers';

/** The representation carries metric, regionId, from and to (the @requires fields); traffic only measures, and without them has nothing to measure. */
export const TrafficTarget: TrafficTargetResolvers = {
  __resolveReference: (reference) => reference,
  actual: ({ metric, regionId, from, to }, _: unknown, { loaders }: TrafficContext) =>
    metric && regionId && from && to ? loaders.statistics.actual.load({ metric, regionId, from, to }) : null,
};
