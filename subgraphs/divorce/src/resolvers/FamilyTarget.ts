import type { ActualKey } from '@safety-graph/shared';
import type { DivorceContext } from '../context';

type FamilyTargetReference = ActualKey & { id: string };

/**
 * Owned by the agreements subgraph; the representation carries what the
 * actual needs (@requires). Reconciliations count couples: the engine gives
 * the same suppressed cell as Region.familyStats, or nothing.
 */
export const FamilyTarget = {
  __resolveReference: (reference: FamilyTargetReference) => reference,
  actual: (target: FamilyTargetReference, _: unknown, { loaders }: DivorceContext) =>
    loaders.statistics.actual.load({ metric: target.metric, regionId: target.regionId, from: target.from, to: target.to }),
};
