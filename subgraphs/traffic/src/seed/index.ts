import {
  appendAll,
  MeasureStore,
  DEMO_SOLAR_YEARS,
  demoProvinces,
  insertIgnoringExisting,
  seedRegionScope,
  type SeedOptions,
  type SeedReport,
  type Store,
} from '@safety-graph/shared';
import { Crash, CrashPerson, TrafficCampaign, Violation } from '../entities';
import { TRAFFIC_MEASURES } from '../store';
import { generateCampaigns } from './campaigns';
import { generateCrashes, type CrashVolume } from './crashes';
import { provinceExposure } from './exposure';
import { generateViolations } from './violations';

interface YearVolume extends CrashVolume {
  violations: number;
}

/**
 * The demo's volumes for Isfahan province (IR-10). Deaths are the plan's
 * figures (600 in 1404, half not at fault) and the year before, hit exactly;
 * the rest is in proportion. Other provinces get these times their factor.
 */
const DEMO_VOLUMES: Record<(typeof DEMO_SOLAR_YEARS)[number], YearVolume> = {
  1403: { deaths: 640, deathsNotAtFault: 325, injuryCrashes: 4120, propertyDamageCrashes: 1560, violations: 11700 },
  1404: { deaths: 600, deathsNotAtFault: 300, injuryCrashes: 3960, propertyDamageCrashes: 1490, violations: 12300 },
};

/**
 * Crashes with their persons, violations and MOU campaigns for the demo years,
 * over the counties of Isfahan (and with `national` of every province, each at
 * its share of the country's road deaths: `demoProvinces`). Deterministic and
 * idempotent: the same rows with the same ids every time, existing ones skipped.
 */
export async function seed(store: Store, options: SeedOptions): Promise<SeedReport> {
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) throw new Error(`scale must be a positive number, got ${options.scale}`);
  const regionScope = await seedRegionScope(store);
  const report: SeedReport = { region_scope: regionScope, crash: 0, crash_person: 0, violation: 0, traffic_campaign: 0, stat_rollup: 0 };
  // Every province's and year's rows first, then one load per table: a load into an empty table builds its indexes once, at the end.
  const all: { crashes: Crash[]; persons: CrashPerson[]; violations: Violation[] } = { crashes: [], persons: [], violations: [] };
  for (const { province, factor, keyPrefix } of demoProvinces(options.national ?? false)) {
    const scaled = (volume: number) => Math.round(volume * factor * options.scale);
    const exposure = provinceExposure(province.code);
    for (const solarYear of DEMO_SOLAR_YEARS) {
      const volume = DEMO_VOLUMES[solarYear];
      const { crashes, persons } = generateCrashes(
        solarYear,
        {
          deaths: scaled(volume.deaths),
          deathsNotAtFault: scaled(volume.deathsNotAtFault),
          injuryCrashes: scaled(volume.injuryCrashes),
          propertyDamageCrashes: scaled(volume.propertyDamageCrashes),
        },
        exposure,
        keyPrefix,
      );
      const violations = generateViolations(solarYear, scaled(volume.violations), exposure, keyPrefix);
      appendAll(all.crashes, crashes);
      appendAll(all.persons, persons);
      appendAll(all.violations, violations);
    }
  }
  await insertIgnoringExisting(store.dataSource, Crash, all.crashes);
  await insertIgnoringExisting(store.dataSource, CrashPerson, all.persons);
  await insertIgnoringExisting(store.dataSource, Violation, all.violations);
  report.crash = all.crashes.length;
  report.crash_person = all.persons.length;
  report.violation = all.violations.length;
  const campaigns = generateCampaigns();
  await insertIgnoringExisting(store.dataSource, TrafficCampaign, campaigns);
  report.traffic_campaign = campaigns.length;
  // Seeded rows are bulk inserts: their rollups are rebuilt once at the end.
  report.stat_rollup = await new MeasureStore(store.dataSource).rebuild(TRAFFIC_MEASURES);
  return report;
}

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.dataSource.getRepository(Crash).count()) === 0;
}
