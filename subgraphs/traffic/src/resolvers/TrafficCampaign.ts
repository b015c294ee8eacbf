import type { TrafficContext } from '../context';
import type { TrafficCampaign as TrafficCampaignRow } from '../entities';
import type { TrafficCampaignResolvers } from '../generated/resolvers';

export const TrafficCampaign: TrafficCampaignResolvers = {
  __resolveReference: (reference: { id: string }, { loaders }: TrafficContext) => loaders.campaignById.load(reference.id),
  agreement: (campaign: TrafficCampaignRow) => ({ __typename: 'Agreement', id: campaign.agreementId }),
  region: (campaign: TrafficCampaignRow) => ({ __typename: 'Region', id: campaign.regionId }),
};
