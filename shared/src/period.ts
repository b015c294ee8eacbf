import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { badUserInput } from './errors';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Gregorian dates of a Solar Hijri (Jalali) month, inclusive. */
export function solarMonthRange(solarYear: number, solarMonth: number): DateRange {
  const first = toGregorian(solarYear, solarMonth, 1);
  const last = toGregorian(solarYear, solarMonth, jalaaliMonthLength(solarYear, solarMonth));
  return { from: isoDate(first.gy, first.gm, first.gd), to: isoDate(last.gy, last.gm, last.gd) };
}

/** The Gregorian dates of a Solar Hijri year, Nowruz to the last day of Esfand, inclusive. */
export function solarYearRange(solarYear: number): DateRange {
  return { from: solarMonthRange(solarYear, 1).from, to: solarMonthRange(solarYear, 12).to };
}

export function toSolarDate(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  const solar = toJalaali(year, month, day);
  return { year: solar.jy, month: solar.jm, day: solar.jd };
}

/** The Gregorian date of a Solar Hijri one; null when there is no such day (month 13, 30 Esfand of a common year). */
export function fromSolarDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 1 || year > 3000) return null;
  if (!isValidJalaaliDate(year, month, day)) return null;
  const gregorian = toGregorian(year, month, day);
  return isoDate(gregorian.gy, gregorian.gm, gregorian.gd);
}

/** Days from `from` to `to`, inclusive, as ISO dates. */
export function daysBetween(range: DateRange): IsoDate[] {
  const days: IsoDate[] = [];
  const cursor = new Date(`${range.from}T00:00:00Z`);
  const end = new Date(`${range.to}T00:00:00Z`);
  while (cursor <= end) {
    days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/**
 * The Solar Hijri years the demo covers. The demo is fixed, not relative to
 * today, so that the same seed gives the same rows on every machine; the last
 * one is the "last full year" whose figures CONTRACT.md names.
 */
export const DEMO_SOLAR_YEARS = [1403, 1404] as const;
export const DEMO_LAST_FULL_SOLAR_YEAR = 1404;

/** `PeriodInput` of the API: inclusive `from`/`to` dates, or one Solar Hijri year. */
export interface PeriodInput {
  from?: IsoDate | null;
  to?: IsoDate | null;
  solarYear?: number | null;
}

export const MAX_PERIOD_YEARS = 10;

/**
 * Turns a `PeriodInput` into inclusive dates, refusing (BAD_USER_INPUT, naming
 * the argument) a period with neither or both forms, `from` after `to`, or one
 * longer than ten years.
 */
export function resolvePeriod(input: PeriodInput | null | undefined, argument = 'period'): DateRange {
  const hasDates = input?.from != null || input?.to != null;
  const hasYear = input?.solarYear != null;
  if (!input || hasDates === hasYear) {
    throw badUserInput(argument, 'give either from and to, or solarYear');
  }
  if (hasYear) {
    const year = input.solarYear!;
    if (!Number.isInteger(year) || year < 1300 || year > 1500) {
      throw badUserInput(`${argument}.solarYear`, 'must be a Solar Hijri year from 1300 to 1500');
    }
    return solarYearRange(year);
  }
  if (input.from == null || input.to == null) throw badUserInput(argument, 'give both from and to');
  if (input.from > input.to) throw badUserInput(`${argument}.from`, 'must not be after to');
  const limit = new Date(`${input.from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_PERIOD_YEARS);
  if (new Date(`${input.to}T00:00:00Z`) >= limit) {
    throw badUserInput(argument, `must not be longer than ${MAX_PERIOD_YEARS} years`);
  }
  return { from: input.from, to: input.to };
}

/** Two ISO dates in order: what a target's representation must carry before anything is counted for it. */
export function isDateRange(value: { from?: unknown; to?: unknown }): value is DateRange {
  const isDate = (date: unknown) => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date);
  return isDate(value.from) && isDate(value.to) && (value.from as string) <= (value.to as string);
}
