import type { TrafficContext } from '../context';
import type { Violation as ViolationRow } from '../entities';

export const Violation = {
  __resolveReference: (reference: { id: string }, { loaders }: TrafficContext) => loaders.violationById.load(reference.id),
  region: (violation: ViolationRow) => ({ __typename: 'Region', id: violation.regionId }),
  recordedBy: (violation: ViolationRow) => ({ __typename: 'Agency', id: violation.recordedById }),
};
