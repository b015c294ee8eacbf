import type { MetricDirection } from '@safety-graph/shared';
import { attainment } from '../attainment';
import type { AgreementsContext } from '../context';
import type { Target as TargetRow } from '../entities';

/** The GraphQL type of each stored kind; the domain subgraph owning that type computes its actual. */
const TYPENAME_OF_KIND: Record<string, 'TrafficTarget' | 'PreventionTarget' | 'FamilyTarget'> = {
  TRAFFIC: 'TrafficTarget',
  PREVENTION: 'PreventionTarget',
  FAMILY: 'FamilyTarget',
};

/** A stored target plus the `actual` the gateway brings from the domain subgraph (for `attainment`). */
type TargetWithActual = TargetRow & { actual?: number | null };

interface TargetReference {
  __typename: string;
  id: string;
  actual?: number | null;
}

const typenameOf = (target: TargetRow) => TYPENAME_OF_KIND[target.kind] ?? null;

/**
 * Loads the target and keeps the representation's `actual`. A reference typed
 * as one implementation does not resolve to a target of another kind.
 */
async function resolveTarget(reference: TargetReference, { loaders }: AgreementsContext, expectedTypename: string | null) {
  const row = await loaders.targetById.load(reference.id);
  if (!row || (expectedTypename !== null && typenameOf(row) !== expectedTypename)) return null;
  return { ...row, actual: reference.actual ?? null };
}

function implementation(typename: string) {
  return {
    __resolveReference: (reference: TargetReference, context: AgreementsContext) => resolveTarget(reference, context, typename),
    region: (target: TargetRow) => ({ __typename: 'Region', id: target.regionId }),
    from: (target: TargetRow) => target.periodFrom,
    to: (target: TargetRow) => target.periodTo,
    actual: (target: TargetWithActual) => target.actual ?? null,
    attainment: (target: TargetWithActual) => attainment(target.direction as MetricDirection, target.baseline, target.target, target.actual),
  };
}

export const Target = {
  __resolveType: (target: TargetRow) => typenameOf(target),
  __resolveReference: (reference: TargetReference, context: AgreementsContext) => resolveTarget(reference, context, null),
};
export const TrafficTarget = implementation('TrafficTarget');
export const PreventionTarget = implementation('PreventionTarget');
export const FamilyTarget = implementation('FamilyTarget');
