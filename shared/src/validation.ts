import { badUserInput } from './errors';
import { referenceAgencies, referenceRegionById, referenceRegions, type ReferenceAgency } from './reference';

/**
 * For lookups such as `region(id, code)`: exactly one of the named arguments
 * must be given. Returns the one that was.
 */
export function exactlyOne<T extends object>(args: T, names: readonly (keyof T & string)[]): keyof T & string {
  const given = names.filter((name) => args[name] !== undefined && args[name] !== null);
  if (given.length !== 1) throw badUserInput(names.join('|'), `give exactly one of ${names.join(', ')}`);
  return given[0];
}

/** A required text: trimmed, from `min` to `max` characters (Persian and English alike). */
export function requireText(argument: string, value: string | null | undefined, max: number, min = 1): string {
  const text = (value ?? '').trim();
  if ([...text].length < min || [...text].length > max) throw badUserInput(argument, `must be ${min} to ${max} characters`);
  return text;
}

/** A whole number from `min` to `max`. */
export function requireCount(argument: string, value: number | null | undefined, max: number, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(argument, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Today in Iran, where the agencies record their work. */
export function todayInIran(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar date that is not in the future (Iran's today) and not before 1990. */
export function requirePastDate(argument: string, value: string | null | undefined, now = new Date()): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badUserInput(argument, 'must be a date (YYYY-MM-DD)');
  if (value > todayInIran(now)) throw badUserInput(argument, 'must not be in the future');
  if (value < '1990-01-01') throw badUserInput(argument, 'must not be before 1990');
  return value;
}

/** An instant that is not in the future (five minutes of clock skew allowed). */
export function requirePastInstant(argument: string, value: Date | null | undefined, now = new Date()): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badUserInput(argument, 'must be a date and time with offset');
  if (value.getTime() > now.getTime() + 5 * 60_000) throw badUserInput(argument, 'must not be in the future');
  if (value.getTime() < Date.UTC(1990, 0, 1)) throw badUserInput(argument, 'must not be before 1990');
  return value;
}

/** A county's id: records are kept where they happen, in a county of the reference regions. */
export function requireCounty(argument: string, regionIdValue: string | null | undefined): string {
  const region = typeof regionIdValue === 'string' ? referenceRegionById(regionIdValue) : undefined;
  const county = region?.kind === 'COUNTY' ? region : undefined;
  if (!county) throw badUserInput(argument, 'must be the id of a county');
  return county.id;
}

/** Any region of the reference hierarchy. */
export function requireRegion(argument: string, regionIdValue: string | null | undefined): string {
  const region = referenceRegions().find((candidate) => candidate.id === regionIdValue);
  if (!region) throw badUserInput(argument, 'is not a known region');
  return region.id;
}

/** An agency of the reference data, by id. */
export function requireAgency(argument: string, agencyIdValue: string | null | undefined): ReferenceAgency {
  const agency = referenceAgencies().find((candidate) => candidate.id === agencyIdValue);
  if (!agency) throw badUserInput(argument, 'is not a known agency');
  return agency;
}
