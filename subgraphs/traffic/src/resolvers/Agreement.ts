import type { TrafficContext } from '../context';
import type { AgreementResolvers } from '../generated/resolvers';

/** Owned by agreements; any id is taken as given, and an agreement without campaigns simply has none. */
export const Agreement: AgreementResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  trafficCampaigns: (agreement: { id: string }, _: unknown, { loaders }: TrafficContext) => loaders.campaignsByAgreementId.load(agreement.id),
};
