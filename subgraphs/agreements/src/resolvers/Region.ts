import type { AgreementsContext } from '../context';
import type { RegionResolvers } from '../generated/resolvers';
import { parentWithStatus } from '../loaders';
import type { AgreementStatus } from '../status';

/** Regions are owned by the agencies subgraph; this one adds the MOUs made for them. */
export const Region: RegionResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  agreements: async (region: { id: string }, args: { status?: AgreementStatus | null }, { loaders }: AgreementsContext) =>
    (await loaders.agreementsByRegion.load(parentWithStatus(region.id, args.status))).map((found) => found.agreement),
};
