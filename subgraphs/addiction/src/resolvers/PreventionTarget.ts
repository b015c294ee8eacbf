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
  actual: (target: TargetReference, _: unknown, { loaders }: AddictionContext) =>
    loaders.targetActual.load({ metric: String(target.metric), regionId: String(target.regionId), from: String(target.from), to: String(target.to) }),
};
