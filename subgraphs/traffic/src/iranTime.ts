import type { IsoDate } from '@safety-graph/shared';

/**
 * Iran Standard Time has been UTC+03:30 all year since daylight saving was
 * abolished in 2022, which covers every Solar Hijri year the system holds.
 * Periods are Iranian calendar dates, so records keep the local date they
 * happened on next to the instant: a crash at 01:00 on Nowruz belongs to the
 * new year although it is still the old one in UTC.
 */
const IRAN_OFFSET_MILLISECONDS = 210 * 60 * 1000;

/** The calendar date in Iran of an instant. */
export function iranDateOf(instant: Date): IsoDate {
  return new Date(instant.getTime() + IRAN_OFFSET_MILLISECONDS).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time in Iran. */
export function instantInIran(date: IsoDate, hour: number, minute: number): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - IRAN_OFFSET_MILLISECONDS);
}
