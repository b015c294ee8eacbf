import {
  DEMO_AGREEMENTS,
  DEMO_LAST_FULL_SOLAR_YEAR,
  referenceRegion,
  regionId,
  SeededRandom,
  solarMonthRange,
  stableId,
  type IsoDate,
} from '@safety-graph/shared';
import type { TrafficCampaign } from '../entities';
import { shuffled } from './calendar';
import { provinceExposure } from './exposure';

interface CampaignTemplate {
  title: string;
  titleFa: string;
  channel: string;
  /** Solar month it starts in, on the first day. */
  solarMonth: number;
  days: number;
  /**
   * Province-wide, or (under a province MOU) aimed at one county: a town campaign at a county
   * picked by population, a road campaign at one picked by its share of interurban road.
   */
  reach: 'PROVINCE' | 'TOWN' | 'ROAD';
}

const TEMPLATES: readonly CampaignTemplate[] = [
  { title: 'Safe Nowruz Travel', titleFa: 'سفر ایمن نوروزی', channel: 'CHECKPOINTS', solarMonth: 1, days: 15, reach: 'PROVINCE' },
  { title: 'A Helmet Saves a Life', titleFa: 'کلاه ایمنی، نجات جان', channel: 'SOCIAL_MEDIA', solarMonth: 3, days: 45, reach: 'TOWN' },
  { title: 'Slower on Interurban Roads', titleFa: 'سرعت کمتر، جاده ایمن‌تر', channel: 'BILLBOARDS', solarMonth: 4, days: 60, reach: 'ROAD' },
  { title: 'Seat Belts in Every Seat', titleFa: 'کمربند ایمنی برای همه سرنشینان', channel: 'RADIO', solarMonth: 5, days: 30, reach: 'PROVINCE' },
  { title: 'Safe Way to School', titleFa: 'راه ایمن مدرسه', channel: 'SCHOOLS', solarMonth: 7, days: 30, reach: 'PROVINCE' },
  { title: 'Pedestrians First', titleFa: 'اولویت با عابر پیاده', channel: 'TV', solarMonth: 9, days: 30, reach: 'TOWN' },
  { title: 'Winter Roads Ready', titleFa: 'آمادگی برای جاده‌های زمستانی', channel: 'RADIO', solarMonth: 10, days: 40, reach: 'PROVINCE' },
  { title: 'Drive Without the Phone', titleFa: 'رانندگی بدون تلفن همراه', channel: 'SOCIAL_MEDIA', solarMonth: 11, days: 30, reach: 'ROAD' },
];

function addDays(date: IsoDate, days: number): IsoDate {
  const result = new Date(`${date}T00:00:00Z`);
  result.setUTCDate(result.getUTCDate() + days);
  return result.toISOString().slice(0, 10);
}

/**
 * Two to four campaigns for each demo MOU with the TRAFFIC domain, in the Solar
 * year its code names; a province MOU's town and road campaigns aimed at one
 * of its counties, a national or county MOU's over its whole region. Campaigns are tied to MOUs, not to volume, so the scale
 * does not apply.
 */
export function generateCampaigns(): TrafficCampaign[] {
  const random = new SeededRandom('traffic/campaigns');
  const campaigns: TrafficCampaign[] = [];
  for (const agreement of DEMO_AGREEMENTS.filter((candidate) => candidate.domains.includes('TRAFFIC'))) {
    const solarYear = Number(/-(\d{4})$/.exec(agreement.code)?.[1] ?? DEMO_LAST_FULL_SOLAR_YEAR);
    const region = referenceRegion(agreement.regionCode);
    const isProvince = region?.kind === 'PROVINCE';
    const exposure = isProvince ? provinceExposure(agreement.regionCode) : [];
    const chosen = shuffled(random, TEMPLATES)
      .slice(0, random.int(2, 4))
      .sort((a, b) => a.solarMonth - b.solarMonth);
    chosen.forEach((template, index) => {
      const startsOn = solarMonthRange(solarYear, template.solarMonth).from;
      const county =
        isProvince && template.reach !== 'PROVINCE'
          ? random.weighted(exposure, (candidate) => (template.reach === 'TOWN' ? candidate.populationShare : candidate.roadShare)).county.code
          : null;
      campaigns.push({
        id: stableId('traffic-campaign', `${agreement.code}/${index}`),
        title: template.title,
        titleFa: template.titleFa,
        agreementId: stableId('agreement', agreement.code),
        regionId: regionId(county ?? agreement.regionCode),
        startsOn,
        endsOn: addDays(startsOn, template.days - 1),
        channel: template.channel,
      });
    });
  }
  return campaigns;
}
