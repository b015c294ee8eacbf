/**
 * Validation of crash and violation inputs, shared by the mutations and the
 * importers (src/importers); argument names are `input.<field>`.
 */
import { badUserInput, requireCounty, requirePastInstant } from '@safety-graph/shared';
import {
  AGE_BANDS,
  FAULT_STATUSES,
  INJURY_LEVELS,
  PERSON_ROLES,
  ROAD_TYPES,
  VIOLATION_TYPES,
  type FaultStatus,
  type InjuryLevel,
  type PersonRole,
  type RoadType,
  type ViolationType,
} from '../crashOutcome';

/** `CrashPersonInput` of the API. */
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

/** A crash as reportCrash takes it; the values are unchecked (an import's rows come as they are). */
export interface CrashReportInput {
  occurredAt: Date | null | undefined;
  regionId: string | null | undefined;
  roadType: unknown;
  persons: unknown;
}

/** A crash report that passed validation: what reportCrash and the crash importer write. */
export interface CrashReport {
  occurredAt: Date;
  regionId: string;
  roadType: RoadType;
  persons: PersonFacts[];
}

/** A violation as recordViolation takes it, unchecked. */
export interface ViolationInput {
  occurredAt: Date | null | undefined;
  regionId: string | null | undefined;
  type: unknown;
}

/** A violation that passed validation. */
export interface ViolationFacts {
  occurredAt: Date;
  regionId: string;
  type: ViolationType;
}

/**
 * The instant a crash or violation happened: not in the future, to the whole
 * second. MariaDB keeps DATETIME to the second and SQLite to the millisecond;
 * cutting it here makes both stores hold (and return) the same instant.
 */
export function requireOccurredAt(value: Date | null | undefined): Date {
  const instant = requirePastInstant('input.occurredAt', value);
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/**
 * One of an enum's values. GraphQL already holds the API to its enums; an
 * import's values come from a file, so the write side checks them itself.
 */
function requireOneOf<T extends string>(argument: string, value: unknown, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw badUserInput(argument, `must be one of ${values.join(', ')}`);
  return value as T;
}

/** One to MAX_PERSONS persons, each with a known role, injury and fault status, the age band one of AGE_BANDS or absent. */
export function requirePersons(persons: unknown): PersonFacts[] {
  if (!Array.isArray(persons) || persons.length < 1 || persons.length > MAX_PERSONS) {
    throw badUserInput('input.persons', `must list 1 to ${MAX_PERSONS} persons`);
  }
  return persons.map((person: unknown, index) => {
    const argument = `input.persons[${index}]`;
    if (!person || typeof person !== 'object' || Array.isArray(person))
      throw badUserInput(argument, 'must be an object with role, injury, faultStatus and ageBand');
    const { role, injury, faultStatus, ageBand } = person as Record<string, unknown>;
    return {
      role: requireOneOf(`${argument}.role`, role, PERSON_ROLES),
      injury: requireOneOf(`${argument}.injury`, injury, INJURY_LEVELS),
      faultStatus: requireOneOf(`${argument}.faultStatus`, faultStatus, FAULT_STATUSES),
      ageBand: requireAgeBand(`${argument}.ageBand`, ageBand),
    };
  });
}

function requireAgeBand(argument: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !(AGE_BANDS as readonly string[]).includes(value))
    throw badUserInput(argument, `must be one of ${AGE_BANDS.join(', ')} or null`);
  return value;
}

export function requireRoadType(value: unknown): RoadType {
  return requireOneOf('input.roadType', value, ROAD_TYPES);
}

/** Everything reportCrash checks of a report, in the order the fields come. */
export function validateCrashReport(input: CrashReportInput): CrashReport {
  return {
    occurredAt: requireOccurredAt(input.occurredAt),
    regionId: requireCounty('input.regionId', input.regionId),
    roadType: requireRoadType(input.roadType),
    persons: requirePersons(input.persons),
  };
}

/** Everything recordViolation checks of a violation. */
export function validateViolation(input: ViolationInput): ViolationFacts {
  return {
    occurredAt: requireOccurredAt(input.occurredAt),
    regionId: requireCounty('input.regionId', input.regionId),
    type: requireOneOf('input.type', input.type, VIOLATION_TYPES),
  };
}
