import type { ActualKey } from '@safety-graph/shared';
import type { AddictionContext } from '../context';

/** The fields the gateway passes in a PreventionTarget representation (`@requires`). */
type TargetReference = ActualKey & { id: string };

/**
 * Admissions count people: the engine gives the same suppressed cell as
 * Region.preventionStats, or nothing.
 */
export const PreventionTarget = {
  __resolveReference: (reference: TargetReference) => reference,
  actual: (target: TargetReference, _: unknown, { loaders }: AddictionContext) =>
    loaders.statistics.actual.load({ metric: String(target.metric), regionId: String(target.regionId), from: String(target.from), to: String(target.to) }),
};
