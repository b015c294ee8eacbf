import type { AddictionContext } from '../context';
import type { ProgramSession as SessionRow } from '../entities';
import { agencyReference, regionReference } from './references';

export const ProgramSession = {
  region: (session: SessionRow) => regionReference(session.regionId),
  recordedBy: (session: SessionRow) => agencyReference(session.recordedByAgencyId),
  program: (session: SessionRow, _: unknown, { loaders }: AddictionContext) => loaders.programById.load(session.programId),
};
