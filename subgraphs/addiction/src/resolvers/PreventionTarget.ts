import type { AddictionContext } from '../context';
import type { PreventionTargetResolvers } from '../generated/resolvers';

/**
 * The representation carries metric, regionId, from and to (`@requires`); without them there is nothing to
 * measure. Admissions count people: the engine gives the same suppressed cell as Region.preventionStats, or nothing.
 */
export const PreventionTarget: PreventionTargetResolvers = {
  __resolveReference: (reference) => reference,
  actual: ({ metric, regionId, from, to }, _: unknown, { loaders }: AddictionContext) =>
    metric && regionId && from && to ? loaders.statistics.actual.load({ metric, regionId, from, to }) : null,
};
