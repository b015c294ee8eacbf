import type { DivorceContext } from '../context';
import type { CounselingUnit as CounselingUnitRow } from '../entities';
import type { CounselingUnitResolvers } from '../generated/resolvers';

export const CounselingUnit: CounselingUnitResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: DivorceContext) => loaders.unitById.load(reference.id),
  hostAgency: (unit: CounselingUnitRow) => ({ __typename: 'Agency', id: unit.hostAgencyId }),
  region: (unit: CounselingUnitRow) => ({ __typename: 'Region', id: unit.regionId }),
};
