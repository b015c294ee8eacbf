import { daysBetween, solarYearRange, toSolarDate, type IsoDate, type SeededRandom } from '@safety-graph/shared';
import type { RoadType } from '../crashOutcome';
import { instantInIran } from '../iranTime';

/**
 * Picks days of a Solar Hijri year in proportion to traffic: interurban roads
 * peak in the Nowruz holidays (1-13 Farvardin) and the summer months, city
 * streets are quieter on Fridays and while half the city is away at Nowruz.
 */
export class DayPicker {
  private readonly days: IsoDate[];
  private readonly cumulative: number[];

  constructor(solarYear: number, roadType: RoadType) {
    this.days = daysBetween(solarYearRange(solarYear));
    let total = 0;
    this.cumulative = this.days.map((day) => (total += dayWeight(day, roadType)));
  }

  pick(random: SeededRandom): IsoDate {
    const threshold = random.float() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > threshold) high = middle;
      else low = middle + 1;
    }
    return this.days[low];
  }
}

function dayWeight(day: IsoDate, roadType: RoadType): number {
  const solar = toSolarDate(day);
  const nowruz = solar.month === 1 && solar.day <= 13;
  const summer = solar.month >= 4 && solar.month <= 6;
  const friday = new Date(`${day}T00:00:00Z`).getUTCDay() === 5;
  if (roadType === 'URBAN') return (nowruz ? 0.8 : 1) * (friday ? 0.75 : 1);
  return nowruz ? 2.4 : summer ? 1.4 : 1;
}

/** Relative traffic by hour of day: morning and evening peaks, quiet nights. */
const CRASH_HOURS = [2, 1.5, 1.2, 1, 1, 1.5, 3, 5, 6, 5, 4.5, 4.5, 5, 5.5, 5, 5, 5.5, 6.5, 7, 7, 6, 5, 4, 3];
/** Cameras and patrols record around the clock, officers mostly by day. */
const ENFORCEMENT_HOURS = [0.6, 0.4, 0.3, 0.3, 0.3, 0.6, 2, 5, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 5, 4, 3, 2, 1];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** A time on the given day; reports round to five minutes, as police reports do, so times repeat. */
function timeOn(random: SeededRandom, day: IsoDate, hourWeights: readonly number[]): Date {
  const hour = random.weighted(HOURS, (candidate) => hourWeights[candidate]);
  return instantInIran(day, hour, 5 * random.int(0, 11));
}

export const crashTimeOn = (random: SeededRandom, day: IsoDate) => timeOn(random, day, CRASH_HOURS);
export const violationTimeOn = (random: SeededRandom, day: IsoDate) => timeOn(random, day, ENFORCEMENT_HOURS);

/** Fisher-Yates with the seeded source, so a shuffle is the same on every machine. */
export function shuffled<T>(random: SeededRandom, items: readonly T[]): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}
