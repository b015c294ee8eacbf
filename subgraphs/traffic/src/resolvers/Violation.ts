import type { TrafficContext } from '../context';
import type { Violation as ViolationRow } from '../entities';
import type { ViolationResolvers } from '../generated/resolvers';

export const Violation: ViolationResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: TrafficContext) => loaders.violationById.load(reference.id),
  region: (violation: ViolationRow) => ({ __typename: 'Region', id: violation.regionId }),
  recordedBy: (violation: ViolationRow) => ({ __typename: 'Agency', id: violation.recordedById }),
};
