import type { AgenciesContext } from '../context';
import type { Region as RegionRow } from '../entities';
import type { RegionResolvers } from '../generated/resolvers';

export const Region: RegionResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: AgenciesContext) => loaders.regionById.load(reference.id),
  parent: (region: RegionRow, _: unknown, { loaders }: AgenciesContext) => (region.parentId ? loaders.regionById.load(region.parentId) : null),
  children: (region: RegionRow, _: unknown, { loaders }: AgenciesContext) => loaders.regionsByParentId.load(region.id),
  agencies: (region: RegionRow, _: unknown, { loaders }: AgenciesContext) => loaders.agenciesByRegionId.load(region.id),
};
