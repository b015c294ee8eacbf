import { isDateRange, metric } from '@safety-graph/shared';
import type { AddictionContext } from '../context';

/** The fields the gateway passes in a PreventionTarget representation (`@requires`). */
interface TargetReference {
  id: string;
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

export const PreventionTarget = {
  __resolveReference: (reference: TargetReference) => reference,
  actual: async (target: TargetReference, _: unknown, { loaders }: AddictionContext) => {
    const key = { metric: String(target.metric), regionId: String(target.regionId), from: String(target.from), to: String(target.to) };
    // Admissions count people: the same suppressed cell as Region.preventionStats, or nothing.
    if (metric(key.metric)?.countsIndividuals) {
      if (!isDateRange(key)) return null;
      return (await loaders.preventionStats.load({ regionId: key.regionId, from: key.from, to: key.to })).treatmentAdmissions;
    }
    return loaders.targetActual.load(key);
  },
};
