import { resolvePeriod, type PeriodInput } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { PreventionProgram as ProgramRow } from '../entities';
import { agencyReference, agreementReference, regionReference } from './references';
import type { PreventionProgramResolvers } from '../generated/resolvers';

export const PreventionProgram: PreventionProgramResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: AddictionContext) => loaders.programById.load(reference.id),
  agreement: (program: ProgramRow) => (program.agreementId ? agreementReference(program.agreementId) : null),
  leadAgency: (program: ProgramRow) => agencyReference(program.leadAgencyId),
  region: (program: ProgramRow) => regionReference(program.regionId),
  sessions: (program: ProgramRow, args: { period?: PeriodInput | null }, { loaders }: AddictionContext) =>
    loaders.sessionsByProgram.load({ programId: program.id, period: args.period ? resolvePeriod(args.period) : null }),
};
