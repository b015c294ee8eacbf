import type { DivorceContext } from '../context';
import type { AgencyResolvers } from '../generated/resolvers';

interface AgencyReference {
  id: string;
}

/** Agency is owned by the agencies subgraph; here it only gains the units it hosts. */
export const Agency: AgencyResolvers = {
  __resolveReference: (reference: AgencyReference) => reference,
  counselingUnits: (agency: AgencyReference, _: unknown, { loaders }: DivorceContext) => loaders.unitsByHostAgencyId.load(agency.id),
};
