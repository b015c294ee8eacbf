/** Validation of the mutations' inputs, shared by reports, amendments and violations; argument names are `input.<field>`. */
import { badUserInput, requirePastInstant } from '@safety-graph/shared';
import { AGE_BANDS, type FaultStatus, type InjuryLevel, type PersonRole } from '../crashOutcome';

/** `CrashPersonInput` of the API (GraphQL has already checked the enums). */
export interface CrashPersonInput {
  role: PersonRole;
  injury: InjuryLevel;
  faultStatus: FaultStatus;
  ageBand?: string | null;
}

/** A person as the write side stores it: the age band checked, null when not recorded. */
export interface PersonFacts {
  role: PersonRole;
  injury: InjuryLevel;
  faultStatus: FaultStatus;
  ageBand: string | null;
}

/** A crash report may not list more persons than this (a bus crash stays well under it). */
export const MAX_PERSONS = 50;

/**
 * The instant a crash or violation happened: not in the future, to the whole
 * second. MariaDB keeps DATETIME to the second and SQLite to the millisecond;
 * cutting it here makes both stores hold (and return) the same instant.
 */
export function requireOccurredAt(value: Date | null | undefined): Date {
  const instant = requirePastInstant('input.occurredAt', value);
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/** One to MAX_PERSONS persons, each age band one of AGE_BANDS or absent. */
export function requirePersons(persons: readonly CrashPersonInput[] | null | undefined): PersonFacts[] {
  if (!Array.isArray(persons) || persons.length < 1 || persons.length > MAX_PERSONS) {
    throw badUserInput('input.persons', `must list 1 to ${MAX_PERSONS} persons`);
  }
  return persons.map((person, index) => ({
    role: person.role,
    injury: person.injury,
    faultStatus: person.faultStatus,
    ageBand: requireAgeBand(`input.persons[${index}].ageBand`, person.ageBand),
  }));
}

function requireAgeBand(argument: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!(AGE_BANDS as readonly string[]).includes(value)) throw badUserInput(argument, `must be one of ${AGE_BANDS.join(', ')} or null`);
  return value;
}
