import { badUserInput, type Importer, referenceRegions } from '@safety-graph/shared';
import { CAMPAIGN_CHANNELS, sameCampaign, validateCampaign, writeCampaignCorrection, writeCampaigns, type CampaignFacts } from '../writes/TrafficCampaign';
import { importTraffic, textOf, type TrafficImport } from './rows';

/** A campaign's region: a county or a province, by regionCode (IR-10) or regionId. */
function campaignRegionIdOf(row: Record<string, unknown>): string | undefined {
  const code = textOf(row.regionCode);
  const id = textOf(row.regionId);
  if (code === undefined) return id;
  const region = referenceRegions().find((candidate) => candidate.code === code);
  if (!region) throw badUserInput('input.regionCode', 'is not a known region code, such as IR-10 or IR-10-12');
  if (id !== undefined && id !== region.id) throw badUserInput('input.regionCode', 'names another region than regionId');
  return region.id;
}

const campaignKind: TrafficImport<CampaignFacts> = {
  kind: 'campaigns',
  action: 'run traffic campaigns',
  validate: (row) =>
    validateCampaign({
      title: textOf(row.title),
      titleFa: textOf(row.titleFa),
      agreementId: textOf(row.agreementId),
      regionId: campaignRegionIdOf(row),
      startsOn: textOf(row.startsOn),
      endsOn: textOf(row.endsOn),
      channel: textOf(row.channel),
    }),
  existingIds: (stores, manager, ids) => stores.campaigns.existingIds(manager, ids),
  write: (stores, manager, rows) =>
    writeCampaigns(
      stores.campaigns,
      manager,
      rows.map(({ id, record }) => ({ id, ...record })),
    ),
  update: (stores, manager, id, facts) => writeCampaignCorrection(stores.campaigns, manager, id, facts),
  differing: async (stores, manager, rows) => {
    const current = new Map(
      (
        await stores.campaigns.findByIdsFor(
          manager,
          rows.map((row) => row.id),
        )
      ).map((campaign) => [campaign.id, campaign]),
    );
    return rows.filter(({ id, record }) => !sameCampaign(current.get(id)!, record)).map(({ id }) => id);
  },
};

/** `npm run import -- traffic FILE --agency CODE --kind campaigns`: road-safety campaigns run under an MOU. */
export const campaignImporter: Importer = {
  description:
    'Road-safety campaigns run under an MOU, by an agency holding traffic:write (police, roads, municipality). ' +
    "title, titleFa: 1-200 characters; agreementId: the MOU's id; regionCode (a county or province such as IR-10) or regionId; " +
    `startsOn, endsOn: YYYY-MM-DD; channel: ${CAMPAIGN_CHANNELS.join('|')}. A campaign already imported is compared: a differing row corrects it.`,
  columns: ['externalId', 'title', 'titleFa', 'agreementId', 'regionCode', 'regionId', 'startsOn', 'endsOn', 'channel'],
  importRows: (rows, lines, context) => importTraffic(campaignKind, rows, lines, context),
};
