import type { TrafficContext } from '../context';
import type { TrafficCampaign as TrafficCampaignRow } from '../entities';

export const TrafficCampaign = {
  __resolveReference: (reference: { id: string }, { loaders }: TrafficContext) => loaders.campaignById.load(reference.id),
  agreement: (campaign: TrafficCampaignRow) => ({ __typename: 'Agreement', id: campaign.agreementId }),
  region: (campaign: TrafficCampaignRow) => ({ __typename: 'Region', id: campaign.regionId }),
};
