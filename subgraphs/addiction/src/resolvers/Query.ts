import { exactlyOne, pageRequest, toConnection, type PageArgs } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { TreatmentReferral } from '../entities';
import type { ProgramFilter } from '../store/ProgramStore';
import { referralSortKey } from '../store/ReferralStore';
import type { QueryResolvers } from '../generated/resolvers';

interface Lookup {
  id?: string | null;
  code?: string | null;
}

export const Query: QueryResolvers = {
  preventionProgram: (_: unknown, args: Lookup, { loaders }: AddictionContext) =>
    exactlyOne(args, ['id', 'code']) === 'id' ? loaders.programById.load(args.id!) : loaders.programByCode.load(args.code!),

  preventionPrograms: async (_: unknown, args: ProgramFilter & PageArgs, { stores }: AddictionContext) => {
    const page = pageRequest(args);
    const filter: ProgramFilter = { regionId: args.regionId, kind: args.kind };
    const rows = await stores.programs.page(filter, page);
    return toConnection(
      rows,
      page,
      (program) => program.code,
      () => stores.programs.count(filter),
    );
  },

  treatmentReferrals: async (_: unknown, args: PageArgs, { stores, callerAgencyId }: AddictionContext) => {
    const page = pageRequest(args);
    if (callerAgencyId === null) return toConnection<TreatmentReferral>([], page, referralSortKey, async () => 0);
    const rows = await stores.referrals.page(callerAgencyId, page);
    return toConnection(rows, page, referralSortKey, () => stores.referrals.count(callerAgencyId));
  },
};
