import { isDateRange, metric } from '@safety-graph/shared';
import type { DivorceContext } from '../context';
import type { ActualKey } from '../loaders';

type FamilyTargetReference = ActualKey & { id: string };

/** Owned by the agreements subgraph; the representation carries what the actual needs (@requires). */
export const FamilyTarget = {
  __resolveReference: (reference: FamilyTargetReference) => reference,
  actual: async (target: FamilyTargetReference, _: unknown, { loaders }: DivorceContext) => {
    // Reconciliations count couples: the same suppressed cell as Region.familyStats, or nothing.
    if (metric(target.metric)?.countsIndividuals) {
      if (!isDateRange(target)) return null;
      return (await loaders.familyStats.load({ regionId: target.regionId, from: target.from, to: target.to })).reconciliations;
    }
    return loaders.familyActual.load({ metric: target.metric, regionId: target.regionId, from: target.from, to: target.to });
  },
};
