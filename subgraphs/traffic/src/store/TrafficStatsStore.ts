import type { DateRange } from '@safety-graph/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Crash, CrashPerson, Violation } from '../entities';
import { groupedByScopeRegion, KILLED_NOT_AT_FAULT } from './regionGroups';

/** `TrafficStats` of the API: the figures of a region (its counties included) over a period. */
export interface TrafficStats {
  crashes: number;
  fatalCrashes: number;
  fatalities: number;
  fatalitiesNotAtFault: number;
  injuries: number;
  violations: number;
}

const noTraffic = (): TrafficStats => ({ crashes: 0, fatalCrashes: 0, fatalities: 0, fatalitiesNotAtFault: 0, injuries: 0, violations: 0 });

type CrashFigures = Omit<TrafficStats, 'violations'>;
type Raw<T> = { [field in keyof T]: number | string | null };
interface Located {
  regionId: string;
  bucket?: number | string;
}

/** SUM over no rows is NULL, and MariaDB returns sums (DECIMAL) as strings. */
const integer = (value: number | string | null | undefined): number => Number(value ?? 0);

/**
 * Traffic statistics for any number of regions, aggregated in SQL: one
 * grouped query over crashes and one over violations per period (or per
 * series, every bucket of it in the same two queries), however many regions.
 */
export class TrafficStatsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Every requested region's figures over the inclusive period; a region without records gets zeros. */
  async stats(regionIds: readonly string[], period: DateRange): Promise<Map<string, TrafficStats>> {
    const [crashRows, violationRows] = await Promise.all([
      this.crashFigures(regionIds, period).getRawMany<Located & Raw<CrashFigures>>(),
      this.violationFigures(regionIds, period).getRawMany<Located & { violations: number | string }>(),
    ]);
    const byRegion = new Map(regionIds.map((regionId) => [regionId, noTraffic()]));
    for (const row of crashRows) Object.assign(byRegion.get(row.regionId)!, crashFiguresOf(row));
    for (const row of violationRows) byRegion.get(row.regionId)!.violations = integer(row.violations);
    return byRegion;
  }

  /**
   * Every requested region's figures in each of `buckets` (contiguous, in
   * order, as bucketsOf gives them): one figure list per region, a bucket
   * without records giving zeros.
   */
  async series(regionIds: readonly string[], buckets: readonly DateRange[]): Promise<Map<string, TrafficStats[]>> {
    const byRegion = new Map(regionIds.map((regionId) => [regionId, buckets.map(noTraffic)]));
    if (buckets.length === 0) return byRegion;
    const period = { from: buckets[0].from, to: buckets[buckets.length - 1].to };
    const [crashRows, violationRows] = await Promise.all([
      inBuckets(this.crashFigures(regionIds, period), 'crash', buckets).getRawMany<Located & Raw<CrashFigures>>(),
      inBuckets(this.violationFigures(regionIds, period), 'violation', buckets).getRawMany<Located & { violations: number | string }>(),
    ]);
    for (const row of crashRows) Object.assign(byRegion.get(row.regionId)![integer(row.bucket)], crashFiguresOf(row));
    for (const row of violationRows) byRegion.get(row.regionId)![integer(row.bucket)].violations = integer(row.violations);
    return byRegion;
  }

  /**
   * Crash figures per region. The persons killed and not at fault come from a
   * derived table with at most one row per crash, so the join multiplies no
   * crash and the crash sums stay exact.
   */
  private crashFigures(regionIds: readonly string[], period: DateRange): SelectQueryBuilder<ObjectLiteral> {
    const query = this.dataSource
      .createQueryBuilder(Crash, 'crash')
      .leftJoin(
        (persons) =>
          persons
            .from(CrashPerson, 'person')
            .select('person.crashId', 'crash_id')
            .addSelect('COUNT(*)', 'killed')
            .where(KILLED_NOT_AT_FAULT.condition, KILLED_NOT_AT_FAULT.parameters)
            .groupBy('person.crashId'),
        'killed_not_at_fault',
        'killed_not_at_fault.crash_id = crash.id',
      );
    return groupedByScopeRegion(query, 'crash', regionIds, period)
      .addSelect('COUNT(*)', 'crashes')
      .addSelect('SUM(CASE WHEN crash.severity = :fatalSeverity THEN 1 ELSE 0 END)', 'fatalCrashes')
      .addSelect('SUM(crash.fatalities)', 'fatalities')
      .addSelect('SUM(COALESCE(killed_not_at_fault.killed, 0))', 'fatalitiesNotAtFault')
      .addSelect('SUM(crash.injuries)', 'injuries')
      .setParameter('fatalSeverity', 'FATAL');
  }

  private violationFigures(regionIds: readonly string[], period: DateRange): SelectQueryBuilder<ObjectLiteral> {
    return groupedByScopeRegion(this.dataSource.createQueryBuilder(Violation, 'violation'), 'violation', regionIds, period).addSelect(
      'COUNT(*)',
      'violations',
    );
  }
}

function crashFiguresOf(row: Raw<CrashFigures>): CrashFigures {
  return {
    crashes: integer(row.crashes),
    fatalCrashes: integer(row.fatalCrashes),
    fatalities: integer(row.fatalities),
    fatalitiesNotAtFault: integer(row.fatalitiesNotAtFault),
    injuries: integer(row.injuries),
  };
}

/**
 * Adds the bucket index to a per-region query. The buckets are contiguous and
 * in order, so a record's bucket is the last one starting on or before its
 * date: a CASE over the start dates, latest first.
 */
function inBuckets(query: SelectQueryBuilder<ObjectLiteral>, locatedBy: string, buckets: readonly DateRange[]): SelectQueryBuilder<ObjectLiteral> {
  const parameters: Record<string, string> = {};
  const branches: string[] = [];
  for (let index = buckets.length - 1; index > 0; index -= 1) {
    parameters[`bucketStart${index}`] = buckets[index].from;
    branches.push(`WHEN ${locatedBy}.occurredOn >= :bucketStart${index} THEN ${index}`);
  }
  // A single bucket is the whole period: nothing more to group by (and SQLite refuses to group by a constant).
  if (branches.length === 0) return query.addSelect('0', 'bucket');
  return query.addSelect(`CASE ${branches.join(' ')} ELSE 0 END`, 'bucket').addGroupBy('bucket').setParameters(parameters);
}
