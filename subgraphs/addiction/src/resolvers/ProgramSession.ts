import { loadExisting } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { ProgramSession as SessionRow } from '../entities';
import { agencyReference, regionReference } from './references';
import type { ProgramSessionResolvers } from '../generated/resolvers';

export const ProgramSession: ProgramSessionResolvers = {
  region: (session: SessionRow) => regionReference(session.regionId),
  recordedBy: (session: SessionRow) => agencyReference(session.recordedByAgencyId),
  program: (session: SessionRow, _: unknown, { loaders }: AddictionContext) => loadExisting(loaders.programById, session.programId, 'PreventionProgram'),
};
