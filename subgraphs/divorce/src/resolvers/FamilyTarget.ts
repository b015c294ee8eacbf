import type { DivorceContext } from '../context';
import type { FamilyTargetResolvers } from '../generated/resolvers';

/**
 * Owned by the agreements subgraph; the representation carries what the actual needs (@requires), and
 * without it there is nothing to measure. Reconciliations count couples: the engine gives the same
 * suppressed cell as Region.familyStats, or nothing.
 */
export const FamilyTarget: FamilyTargetResolvers = {
  __resolveReference: (reference) => reference,
  actual: ({ metric, regionId, from, to }, _: unknown, { loaders }: DivorceContext) =>
    metric && regionId && from && to ? loaders.statistics.actual.load({ metric, regionId, from, to }) : null,
};
