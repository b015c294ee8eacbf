import type { EntityManager } from 'typeorm';
import { refreshRollups, type MeasureSet, type MeasureSource, type RollupKey } from '@safety-graph/shared';
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
  rows: (manager: EntityManager) =>
    manager
      .createQueryBuilder()
      .from(Crash, 'crash')
      .leftJoin(
        (persons) =>
          persons
            .from(CrashPerson, 'person')
            .select('person.crashId', 'crash_id')
            .addSelect('COUNT(*)', 'killed')
            .where('person.injury = :killedInjury AND person.faultStatus = :notAtFaultStatus', { killedInjury: 'K', notAtFaultStatus: 'NOT_AT_FAULT' })
            .groupBy('person.crashId'),
        'killed_not_at_fault',
        'killed_not_at_fault.crash_id = crash.id',
      ),
  date: 'crash.occurredOn',
  region: 'crash.regionId',
};

const violations: MeasureSource = {
  name: 'violations',
  rows: (manager: EntityManager) => manager.createQueryBuilder().from(Violation, 'violation'),
  date: 'violation.occurredOn',
  region: 'violation.regionId',
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

/** Recomputes the rollups of the touched counties and days in the writer's transaction: every write of records calls it. */
export const touchRollups = (manager: EntityManager, touched: readonly RollupKey[]): Promise<void> => refreshRollups(manager, TRAFFIC_MEASURES, touched);
