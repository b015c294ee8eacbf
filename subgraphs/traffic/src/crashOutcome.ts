/**
 * What a crash amounts to, derived from the persons in it. The seed and the
 * write side (reportCrash) both call `crashOutcome`, so a crash's stored
 * severity, fatalities and injuries always agree with its persons.
 */
export const INJURY_LEVELS = ['K', 'A', 'B', 'C', 'O'] as const;
export type InjuryLevel = (typeof INJURY_LEVELS)[number];

export const CRASH_SEVERITIES = ['FATAL', 'SERIOUS_INJURY', 'MINOR_INJURY', 'POSSIBLE_INJURY', 'PROPERTY_DAMAGE_ONLY'] as const;
export type CrashSeverity = (typeof CRASH_SEVERITIES)[number];

export const PERSON_ROLES = ['DRIVER', 'PASSENGER', 'PEDESTRIAN', 'CYCLIST', 'MOTORCYCLIST'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const FAULT_STATUSES = ['AT_FAULT', 'NOT_AT_FAULT', 'UNDETERMINED'] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export const ROAD_TYPES = ['URBAN', 'INTERURBAN', 'RURAL'] as const;
export type RoadType = (typeof ROAD_TYPES)[number];

/** Violations share this file with the crash vocabulary, so that the seed and the write side (the mutation and the importer) use one list. */
export const VIOLATION_TYPES = ['SPEEDING', 'RED_LIGHT', 'MOBILE_PHONE', 'NO_SEATBELT', 'NO_HELMET', 'ILLEGAL_OVERTAKING', 'DRUNK_DRIVING', 'OTHER'] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/** The age bands police reports use (a person's age may also go unrecorded): the seed and the write side share them. */
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

/** The severity a crash gets when this is the worst injury in it (KABCO order). */
const SEVERITY_BY_WORST_INJURY: Record<InjuryLevel, CrashSeverity> = {
  K: 'FATAL',
  A: 'SERIOUS_INJURY',
  B: 'MINOR_INJURY',
  C: 'POSSIBLE_INJURY',
  O: 'PROPERTY_DAMAGE_ONLY',
};

export interface CrashOutcome {
  severity: CrashSeverity;
  /** Persons killed (K). */
  fatalities: number;
  /** Persons injured (A, B or C); the killed are not counted twice. */
  injuries: number;
}

export function crashOutcome(persons: readonly { injury: InjuryLevel }[]): CrashOutcome {
  let worst = INJURY_LEVELS.indexOf('O');
  let fatalities = 0;
  let injuries = 0;
  for (const { injury } of persons) {
    worst = Math.min(worst, INJURY_LEVELS.indexOf(injury));
    if (injury === 'K') fatalities += 1;
    else if (injury !== 'O') injuries += 1;
  }
  return { severity: SEVERITY_BY_WORST_INJURY[INJURY_LEVELS[worst]], fatalities, injuries };
}
