import type { DivorceContext } from '../context';
import type { FamilyProgram as FamilyProgramRow } from '../entities';
import type { FamilyProgramResolvers } from '../generated/resolvers';

export const FamilyProgram: FamilyProgramResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: DivorceContext) => loaders.programById.load(reference.id),
  region: (program: FamilyProgramRow) => ({ __typename: 'Region', id: program.regionId }),
  leadAgency: (program: FamilyProgramRow) => ({ __typename: 'Agency', id: program.leadAgencyId }),
};
