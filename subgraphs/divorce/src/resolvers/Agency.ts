import type { DivorceContext } from '../context';

interface AgencyReference {
  id: string;
}

/** Agency is owned by the agencies subgraph; here it only gains the units it hosts. */
export const Agency = {
  __resolveReference: (reference: AgencyReference) => reference,
  counselingUnits: (agency: AgencyReference, _: unknown, { loaders }: DivorceContext) => loaders.unitsByHostAgencyId.load(agency.id),
};
