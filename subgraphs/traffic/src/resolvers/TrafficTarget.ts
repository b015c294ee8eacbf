import type { TrafficContext } from '../context';
import type { ActualKey } from '@safety-graph/shared';

/** The representation carries metric, regionId, from and to (the @requires fields); traffic only measures. */
export const TrafficTarget = {
  __resolveReference: (reference: ActualKey & { id: string }) => reference,
  actual: (target: ActualKey, _: unknown, { loaders }: TrafficContext) =>
    loaders.statistics.actual.load({ metric: target.metric, regionId: target.regionId, from: target.from, to: target.to }),
};
