import type { CrashRevision as CrashRevisionRow } from '../entities';
import { snapshotPersons } from '../store';
import type { CrashRevisionResolvers } from '../generated/resolvers';

/** A superseded version of a crash; its persons come from the snapshot taken when it was replaced. */
export const CrashRevision: CrashRevisionResolvers = {
  amendedBy: (revision: CrashRevisionRow) => ({ __typename: 'Agency', id: revision.amendedById }),
  region: (revision: CrashRevisionRow) => ({ __typename: 'Region', id: revision.regionId }),
  persons: (revision: CrashRevisionRow) => snapshotPersons(revision),
};
