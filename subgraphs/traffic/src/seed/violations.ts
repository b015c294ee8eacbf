import { agencyId, apportion, countyUnitCode, regionId, SeededRandom, stableId } from '@safety-graph/shared';
import type { Violation } from '../entities';
import { VIOLATION_TYPES, type ViolationType } from '../crashOutcome';
import { iranDateOf } from '../iranTime';
import { DayPicker, violationTimeOn } from './calendar';
import type { CountyExposure } from './exposure';

/** In town cameras catch red lights, phones and bare-headed riders; on the roads speed and overtaking dominate. */
const TOWN_WEIGHTS: Record<ViolationType, number> = {
  SPEEDING: 0.25,
  RED_LIGHT: 0.2,
  MOBILE_PHONE: 0.15,
  NO_SEATBELT: 0.1,
  NO_HELMET: 0.15,
  ILLEGAL_OVERTAKING: 0.02,
  DRUNK_DRIVING: 0.01,
  OTHER: 0.12,
};
const ROAD_WEIGHTS: Record<ViolationType, number> = {
  SPEEDING: 0.45,
  RED_LIGHT: 0,
  MOBILE_PHONE: 0.08,
  NO_SEATBELT: 0.15,
  NO_HELMET: 0.04,
  ILLEGAL_OVERTAKING: 0.18,
  DRUNK_DRIVING: 0.02,
  OTHER: 0.08,
};
/** Enforcement follows people in town and the network on the roads. */
const TOWN_SHARE = 0.7;

/** One Solar Hijri year of violations, each recorded by its county's police. */
export function generateViolations(solarYear: number, total: number, exposure: readonly CountyExposure[], keyPrefix = ''): Violation[] {
  const random = new SeededRandom(`traffic/violations/${keyPrefix}${solarYear}`);
  const town = new DayPicker(solarYear, 'URBAN');
  const road = new DayPicker(solarYear, 'INTERURBAN');
  const weightOf = (county: CountyExposure) => TOWN_SHARE * county.populationShare + (1 - TOWN_SHARE) * county.roadShare;
  const counts = apportion(total, exposure.map(weightOf));
  const violations: Violation[] = [];
  exposure.forEach((county, countyIndex) => {
    const onRoadChance = ((1 - TOWN_SHARE) * county.roadShare) / weightOf(county);
    for (let index = 0; index < counts[countyIndex]; index += 1) {
      const onRoad = random.chance(onRoadChance);
      const weights = onRoad ? ROAD_WEIGHTS : TOWN_WEIGHTS;
      const occurredAt = violationTimeOn(random, (onRoad ? road : town).pick(random));
      violations.push({
        id: stableId('violation', `${solarYear}/${county.county.code}/${index}`),
        occurredAt,
        occurredOn: iranDateOf(occurredAt),
        regionId: regionId(county.county.code),
        type: random.weighted(VIOLATION_TYPES, (type) => weights[type]),
        recordedById: agencyId(countyUnitCode('POLICE', county.county.code)),
      });
    }
  });
  return violations;
}
