import type { EntityManager } from 'typeorm';
import { changeRollups, type MeasureSet, type MeasureSource } from '@safety-graph/shared';
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

/** Runs a write of crashes (new or `existing`) and moves the rollups by what it changed, in the writer's transaction: every crash write goes through it. */
export const changingCrashes = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, TRAFFIC_MEASURES, { sources: [crashes], ids, existing }, write);

/** The same for violations. */
export const changingViolations = <T>(manager: EntityManager, ids: readonly string[], existing: boolean, write: () => Promise<T>): Promise<T> =>
  changeRollups(manager, TRAFFIC_MEASURES, { sources: [violations], ids, existing }, write);
