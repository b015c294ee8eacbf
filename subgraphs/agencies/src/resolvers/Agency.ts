import type { AgenciesContext } from '../context';
import type { Agency as AgencyRow } from '../entities';

export const Agency = {
  __resolveReference: (reference: { id?: string; code?: string }, { loaders }: AgenciesContext) =>
    reference.id ? loaders.agencyById.load(reference.id) : loaders.agencyByCode.load(reference.code!),
  region: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => loaders.regionById.load(agency.regionId),
  parent: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) =>
    agency.parentId ? loaders.agencyById.load(agency.parentId) : null,
  units: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => loaders.agenciesByParentId.load(agency.id),
  liaisons: (agency: AgencyRow, _: unknown, { loaders }: AgenciesContext) => loaders.liaisonsByAgencyId.load(agency.id),
};
