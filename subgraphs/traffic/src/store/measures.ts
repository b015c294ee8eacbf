import type { EntityManager } from 'typeorm';
import { changeRollups, type MeasureSet, type MeasureSource, type RollupRow } from '@safety-graph/shared';
import { Crash, CrashPerson, Violation } from '../entities';

/**
 * What the traffic subgraph counts, for the shared statistics engine: the
 * TrafficStats fields, and the TRAFFIC target metrics each answers. Traffic
 * counts are published as they are (no count of individuals is suppressed).
 */

/**
 * Crashes with, as `killed_not_at_fault.killed`, their persons killed (K) and
 * not at fault: a derived table with at most one row per crash, so the join
 * multiplies no crash and the crash sums stay exact.
 */
const crashes: MeasureSource = {
  name: 'crashes',
  rows: (manager: EntityManager, ids?: readonly string[]) =>
    manager
      .createQueryBuilder()
      .from(Crash, 'crash')
      .leftJoin(
        (persons) => {
          const killed = persons
            .from(CrashPerson, 'person')
            .select('person.crashId', 'crash_id')
            .addSelect('COUNT(*)', 'killed')
            .where('person.injury = :killedInjury AND person.faultStatus = :notAtFaultStatus', { killedInjury: 'K', notAtFaultStatus: 'NOT_AT_FAULT' })
            .groupBy('person.crashId');
          // A write's own crashes: only their persons are grouped, not every crash's.
          return ids ? killed.andWhere('person.crashId IN (:...recordIds)', { recordIds: ids }) : killed;
        },
        'killed_not_at_fault',
        'killed_not_at_fault.crash_id = crash.id',
      ),
  date: 'crash.occurredOn',
  region: 'crash.regionId',
  id: 'crash.id',
};

const violations: MeasureSource = {
  name: 'violations',
  rows: (manager: EntityManager) => manager.createQueryBuilder().from(Violation, 'violation'),
  date: 'violation.occurredOn',
  region: 'violation.regionId',
  id: 'violation.id',
};

export const TRAFFIC_MEASURES: MeasureSet = {
  measures: [
    { name: 'crashes', source: crashes, value: '1' },
    { name: 'fatalCrashes', source: crashes, value: '1', condition: 'crash.severity = :fatalSeverity', parameters: { fatalSeverity: 'FATAL' } },
    { name: 'fatalities', source: crashes, value: 'crash.fatalities' },
    { name: 'fatalitiesNotAtFault', source: crashes, value: 'COALESCE(killed_not_at_fault.killed, 0)' },
    { name: 'injuries', source: crashes, value: 'crash.injuries' },
    { name: 'violations', source: violations, value: '1' },
  ],
  targets: {
    ROAD_DEATHS: 'fatalities',
    ROAD_DEATHS_NOT_AT_FAULT: 'fatalitiesNotAtFault',
    FATAL_CRASHES: 'fatalCrashes',
    ROAD_INJURIES: 'injuries',
    TRAFFIC_VIOLATIONS: 'violations',
  },
};

/**
 * Runs a write of crashes (new or `existing`) and moves the rollups by what it
 * changed, in the writer's transaction: every crash write goes through it.
 * `written`: the new crashes and persons the write stores, whose
 * contributions are then counted here (crashContributions) instead of read back.
 */
export const changingCrashes = <T>(
  manager: EntityManager,
  ids: readonly string[],
  existing: boolean,
  write: () => Promise<T>,
  written?: { crashes: readonly CrashFacts[]; persons: readonly PersonFacts[] },
): Promise<T> =>
  changeRollups(
    manager,
    TRAFFIC_MEASURES,
    { sources: [crashes], ids, existing, contributions: written && crashContributions(written.crashes, written.persons) },
    write,
  );

/** What crashContributions reads of a crash and of a person. */
type CrashFacts = Pick<Crash, 'id' | 'regionId' | 'occurredOn' | 'severity' | 'fatalities' | 'injuries'>;
type PersonFacts = Pick<CrashPerson, 'crashId' | 'injury' | 'faultStatus'>;

/**
 * What these crashes (with all their persons) contribute to the crash
 * measures per county and day: exactly what the measures' queries above
 * count from their rows (`crashes` 1, `fatalCrashes` 1 when FATAL,
 * `fatalities`, `injuries`, `fatalitiesNotAtFault` the persons killed (K) and
 * not at fault), zeros left out. Kept beside the measures it must agree with;
 * `rollups --check` and the import tests compare the two.
 */
export function crashContributions(crashes: readonly CrashFacts[], persons: readonly PersonFacts[]): RollupRow[] {
  const killedNotAtFault = new Map<string, number>();
  for (const person of persons) {
    if (person.injury === 'K' && person.faultStatus === 'NOT_AT_FAULT') killedNotAtFault.set(person.crashId, (killedNotAtFault.get(person.crashId) ?? 0) + 1);
  }
  const groups = new Map<string, { regionId: string; day: string; sums: number[] }>();
  for (const crash of crashes) {
    const key = `${crash.regionId}|${crash.occurredOn}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { regionId: crash.regionId, day: crash.occurredOn, sums: [0, 0, 0, 0, 0] }));
    group.sums[0] += 1;
    if (crash.severity === 'FATAL') group.sums[1] += 1;
    group.sums[2] += crash.fatalities;
    group.sums[3] += killedNotAtFault.get(crash.id) ?? 0;
    group.sums[4] += crash.injuries;
  }
  const rows: RollupRow[] = [];
  for (const { regionId, day, sums } of groups.values()) {
    sums.forEach((value, m) => {
      if (value !== 0) rows.push({ measure: COUNTED[m], regionId, day, agencyId: '', value });
    });
  }
  return rows;
}

/** The crash measures crashContributions counts, in its order. */
const COUNTED = ['crashes', 'fatalCrashes', 'fatalities', 'fatalitiesNotAtFault', 'injuries'];

/** The same for violations. */
export const changingViolations = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, TRAFFIC_MEASURES, { sources: [violations], ids, existing }, write);
