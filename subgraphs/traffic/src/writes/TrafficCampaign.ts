import type { EntityManager } from 'typeorm';
import { badUserInput, referenceRegions, requireRegion, requireText } from '@safety-graph/shared';
import type { TrafficCampaign } from '../entities';
import type { TrafficCampaignStore } from '../store';

/** Where a campaign reaches people (TrafficCampaign.channel); the demo's campaigns use these. */
export const CAMPAIGN_CHANNELS = ['TV', 'RADIO', 'SOCIAL_MEDIA', 'BILLBOARDS', 'SCHOOLS', 'CHECKPOINTS'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type CampaignFacts = Omit<TrafficCampaign, 'id'>;

export interface CampaignInput {
  title: string | undefined;
  titleFa: string | undefined;
  agreementId: string | undefined;
  regionId: string | undefined;
  startsOn: string | undefined;
  endsOn: string | undefined;
  channel: string | undefined;
}

function requireDay(argument: string, value: string | undefined): string {
  if (value === undefined || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || value < '1990-01-01') {
    throw badUserInput(argument, 'must be a date (YYYY-MM-DD) from 1990 on');
  }
  return value;
}

/**
 * A traffic campaign's checks (there is no mutation for campaigns yet: the
 * campaigns importer is their one writer, and a mutation would call these):
 * titles, an MOU id (the MOU itself lives in the agreements subgraph, which this
 * one never calls, so only its form is checked), a county or province, dates in
 * order and a channel.
 */
export function validateCampaign(input: CampaignInput): CampaignFacts {
  const title = requireText('input.title', input.title, 200);
  const titleFa = requireText('input.titleFa', input.titleFa, 200);
  if (input.agreementId === undefined || !UUID.test(input.agreementId)) throw badUserInput('input.agreementId', 'is not an agreement id');
  const regionId = requireRegion('input.regionId', input.regionId);
  if (referenceRegions().find((region) => region.id === regionId)?.kind === 'COUNTRY') throw badUserInput('input.regionId', 'must be a county or a province');
  const startsOn = requireDay('input.startsOn', input.startsOn);
  const endsOn = requireDay('input.endsOn', input.endsOn);
  if (endsOn < startsOn) throw badUserInput('input.endsOn', 'must not be before startsOn');
  if (!(CAMPAIGN_CHANNELS as readonly (string | undefined)[]).includes(input.channel))
    throw badUserInput('input.channel', `must be one of ${CAMPAIGN_CHANNELS.join(', ')}`);
  return { title, titleFa, agreementId: input.agreementId.toLowerCase(), regionId, startsOn, endsOn, channel: input.channel as string };
}

/** Writes checked campaigns inside the caller's transaction. Campaigns feed no rollup: they are read from their rows. */
export async function writeCampaigns(campaigns: TrafficCampaignStore, manager: EntityManager, records: readonly TrafficCampaign[]): Promise<void> {
  await campaigns.insert(manager, [...records]);
}

/** A campaign as stored and as checked facts give it: every field the same. */
export function sameCampaign(current: TrafficCampaign, facts: CampaignFacts): boolean {
  return (Object.keys(facts) as (keyof CampaignFacts)[]).every((field) => current[field] === facts[field]);
}

/** A campaign already written, corrected to checked facts: false, nothing written, when nothing differs. */
export async function writeCampaignCorrection(campaigns: TrafficCampaignStore, manager: EntityManager, id: string, facts: CampaignFacts): Promise<boolean> {
  const [current] = await campaigns.findByIdsFor(manager, [id]);
  if (current && sameCampaign(current, facts)) return false;
  await campaigns.correct(manager, id, facts);
  return true;
}
