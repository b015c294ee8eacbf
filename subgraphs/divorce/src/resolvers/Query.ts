import { pageRequest, toConnection, type PageArgs } from '@safety-graph/shared';
import type { DivorceContext } from '../context';
import type { CounselingCase } from '../entities';
import type { CounselingCaseFilter } from '../store/CounselingCaseStore';
import type { QueryResolvers } from '../generated/resolvers';

interface RegionArgs {
  regionId?: string | null;
}

export const Query: QueryResolvers = {
  counselingUnit: (_: unknown, args: { id: string }, { loaders }: DivorceContext) => loaders.unitById.load(args.id),

  counselingUnits: (_: unknown, args: RegionArgs, { stores }: DivorceContext) => stores.units.list({ regionId: args.regionId }),

  counselingCases: async (_: unknown, args: PageArgs & CounselingCaseFilter, { stores, viewerAgencyId }: DivorceContext) => {
    const page = pageRequest(args);
    const sortKeyOf = (counselingCase: CounselingCase) => counselingCase.id;
    if (!viewerAgencyId) return toConnection([], page, sortKeyOf, async () => 0);
    const filter: CounselingCaseFilter = { status: args.status };
    const rows = await stores.cases.pageHostedBy(viewerAgencyId, filter, page);
    return toConnection(rows, page, sortKeyOf, () => stores.cases.countHostedBy(viewerAgencyId, filter));
  },

  familyPrograms: (_: unknown, args: RegionArgs, { stores }: DivorceContext) => stores.programs.list({ regionId: args.regionId }),
};
