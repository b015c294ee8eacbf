import { badUserInput, exactlyOne, MAX_PAGE_SIZE, pageRequest, toConnection, type PageArgs } from '@safety-graph/shared';
import type { AgenciesContext } from '../context';
import type { QueryResolvers } from '../generated/resolvers';
import type { AgencyFilter } from '../store/AgencyStore';
import type { RegionFilter } from '../store/RegionStore';

interface Lookup {
  id?: string | null;
  code?: string | null;
}

export const Query: QueryResolvers = {
  region: (_: unknown, args: Lookup, { loaders }: AgenciesContext) =>
    exactlyOne(args, ['id', 'code']) === 'id' ? loaders.regionById.load(args.id!) : loaders.regionByCode.load(args.code!),

  regions: (_: unknown, args: RegionFilter, { stores }: AgenciesContext) => {
    if (args.codes && args.codes.length > MAX_PAGE_SIZE) throw badUserInput('codes', `at most ${MAX_PAGE_SIZE} codes`);
    if (args.parentId && args.parentCode) throw badUserInput('parentCode', 'give parentId or parentCode, not both');
    return stores.regions.list(args);
  },

  agency: (_: unknown, args: Lookup, { loaders }: AgenciesContext) =>
    exactlyOne(args, ['id', 'code']) === 'id' ? loaders.agencyById.load(args.id!) : loaders.agencyByCode.load(args.code!),

  agencies: async (_: unknown, args: AgencyFilter & PageArgs, { stores }: AgenciesContext) => {
    const page = pageRequest(args);
    const filter: AgencyFilter = { kind: args.kind, regionId: args.regionId };
    const rows = await stores.agencies.page(filter, page);
    return toConnection(
      rows,
      page,
      (agency) => agency.code,
      () => stores.agencies.count(filter),
    );
  },
};
