import type { DivorceContext } from '../context';
import type { ActualKey } from '../loaders';

type FamilyTargetReference = ActualKey & { id: string };

/** Owned by the agreements subgraph; the representation carries what the actual needs (@requires). */
export const FamilyTarget = {
  __resolveReference: (reference: FamilyTargetReference) => reference,
  actual: (target: FamilyTargetReference, _: unknown, { loaders }: DivorceContext) =>
    loaders.familyActual.load({ metric: target.metric, regionId: target.regionId, from: target.from, to: target.to }),
};
