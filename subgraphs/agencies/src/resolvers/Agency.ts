import { loadExisting } from '@safety-graph/shared';
import type { AgenciesContext } from '../context';
import type { Agency as AgencyRow } from '../entities';
import type { AgencyResolvers } from '../generated/resolvers';

export const Agency: AgencyResolvers = {
  __resolveReference: (reference: { id?: string; code?: string }, { loaders }: AgenciesContext) =>
    reference.id ? loaders.agencyById.load(reference.id) : loaders.agencyByCode.load(reference.code!),
  region: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => loadExisting(loaders.regionById, agency.regionId, 'Region'),
  parent: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => (agency.parentId ? loaders.agencyById.load(agency.parentId) : null),
  units: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => loaders.agenciesByParentId.load(agency.id),
  liaisons: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => loaders.liaisonsByAgencyId.load(agency.id),
};
