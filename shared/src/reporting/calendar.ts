import { jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { badUserInput } from '../errors';
import { isoDate, type DateRange, type IsoDate } from '../period';

export type Granularity = 'MONTH' | 'QUARTER' | 'YEAR' | 'SOLAR_MONTH' | 'SOLAR_YEAR';
export const GRANULARITIES: readonly Granularity[] = ['MONTH', 'QUARTER', 'YEAR', 'SOLAR_MONTH', 'SOLAR_YEAR'];

export type Calendar = 'GREGORIAN' | 'SOLAR';

/** A whole month, quarter or year of one calendar: the only periods small counts are published for. */
export interface CalendarUnit {
  calendar: Calendar;
  kind: 'MONTH' | 'QUARTER' | 'YEAR';
  year: number;
  /** Month 1-12 or quarter 1-4; 0 for a year. */
  index: number;
}

export interface Bucket extends DateRange {
  label: string;
}

const daysInGregorianMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The inclusive dates of month `month` (1-12) of `year` in `calendar`. */
export function monthRange(calendar: Calendar, year: number, month: number): DateRange {
  if (calendar === 'GREGORIAN') {
    return { from: isoDate(year, month, 1), to: isoDate(year, month, daysInGregorianMonth(year, month)) };
  }
  const first = toGregorian(year, month, 1);
  const last = toGregorian(year, month, jalaaliMonthLength(year, month));
  return { from: isoDate(first.gy, first.gm, first.gd), to: isoDate(last.gy, last.gm, last.gd) };
}

export function unitRange(unit: CalendarUnit): DateRange {
  const [firstMonth, lastMonth] = unit.kind === 'MONTH' ? [unit.index, unit.index] : unit.kind === 'QUARTER' ? [unit.index * 3 - 2, unit.index * 3] : [1, 12];
  return { from: monthRange(unit.calendar, unit.year, firstMonth).from, to: monthRange(unit.calendar, unit.year, lastMonth).to };
}

export function unitLabel(unit: CalendarUnit): string {
  const prefix = unit.calendar === 'SOLAR' ? 'SH ' : '';
  if (unit.kind === 'YEAR') return `${prefix}${unit.year}`;
  if (unit.kind === 'QUARTER') return `${prefix}${unit.year}-Q${unit.index}`;
  return `${prefix}${unit.year}-${String(unit.index).padStart(2, '0')}`;
}

function yearAndMonthOf(calendar: Calendar, date: IsoDate): { year: number; month: number } {
  const [year, month, day] = date.split('-').map(Number);
  if (calendar === 'GREGORIAN') return { year, month };
  const solar = toJalaali(year, month, day);
  return { year: solar.jy, month: solar.jm };
}

/**
 * The whole calendar unit a period is exactly, if it is one (a Gregorian or
 * Solar Hijri month, quarter or year), else null.
 */
export function wholeUnitOf(range: DateRange): CalendarUnit | null {
  for (const calendar of ['SOLAR', 'GREGORIAN'] as const) {
    const { year, month } = yearAndMonthOf(calendar, range.from);
    const candidates: CalendarUnit[] = [
      { calendar, kind: 'MONTH', year, index: month },
      { calendar, kind: 'QUARTER', year, index: Math.ceil(month / 3) },
      { calendar, kind: 'YEAR', year, index: 0 },
    ];
    for (const unit of candidates) {
      const exact = unitRange(unit);
      if (exact.from === range.from && exact.to === range.to) return unit;
    }
  }
  return null;
}

function nextMonth(calendar: Calendar, year: number, month: number): { year: number; month: number } {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

/**
 * The buckets of a series: the calendar units that meet the period, the first
 * and last cut to the period (a cut bucket is not a whole unit, so small
 * counts in it stay unpublished).
 */
export function bucketsOf(range: DateRange, granularity: Granularity): (Bucket & { unit: CalendarUnit })[] {
  const calendar: Calendar = granularity.startsWith('SOLAR') ? 'SOLAR' : 'GREGORIAN';
  const kind = granularity === 'QUARTER' ? 'QUARTER' : granularity.endsWith('YEAR') ? 'YEAR' : 'MONTH';
  const buckets: (Bucket & { unit: CalendarUnit })[] = [];
  let { year, month } = yearAndMonthOf(calendar, range.from);
  if (kind === 'QUARTER') month = Math.floor((month - 1) / 3) * 3 + 1;
  if (kind === 'YEAR') month = 1;
  for (let guard = 0; guard < 1000; guard += 1) {
    const unit: CalendarUnit = { calendar, kind, year, index: kind === 'MONTH' ? month : kind === 'QUARTER' ? Math.ceil(month / 3) : 0 };
    const whole = unitRange(unit);
    if (whole.from > range.to) break;
    buckets.push({
      unit,
      from: whole.from < range.from ? range.from : whole.from,
      to: whole.to > range.to ? range.to : whole.to,
      label: unitLabel(unit),
    });
    const step = kind === 'MONTH' ? 1 : kind === 'QUARTER' ? 3 : 12;
    for (let i = 0; i < step; i += 1) ({ year, month } = nextMonth(calendar, year, month));
  }
  return buckets;
}

export function parseGranularity(value: string): Granularity {
  if (!(GRANULARITIES as readonly string[]).includes(value)) throw badUserInput('granularity', `must be one of ${GRANULARITIES.join(', ')}`);
  return value as Granularity;
}

/**
 * The calendar unit whose counts of individuals may be published for a
 * period: a whole Solar Hijri month, quarter or year, else null. Counts of
 * individuals are published in the Solar Hijri calendar only, so that no
 * two published cells of different calendars or years overlap in part.
 */
export function publishedUnitOf(range: DateRange): CalendarUnit | null {
  const unit = wholeUnitOf(range);
  return unit && unit.calendar === 'SOLAR' ? unit : null;
}
