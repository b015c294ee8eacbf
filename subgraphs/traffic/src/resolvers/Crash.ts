import type { TrafficContext } from '../context';
import type { Crash as CrashRow } from '../entities';
import type { CrashResolvers } from '../generated/resolvers';

export const Crash: CrashResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: TrafficContext) => loaders.crashById.load(reference.id),
  region: (crash: CrashRow) => ({ __typename: 'Region', id: crash.regionId }),
  reportedBy: (crash: CrashRow) => ({ __typename: 'Agency', id: crash.reportedById }),
  persons: (crash: CrashRow, _: unknown, { loaders }: TrafficContext) => loaders.personsByCrashId.load(crash.id),
  revisions: (crash: CrashRow, _: unknown, { loaders }: TrafficContext) => loaders.revisionsByCrashId.load(crash.id),
};
