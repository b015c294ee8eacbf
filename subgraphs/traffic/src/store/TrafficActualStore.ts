import type { DateRange } from '@safety-graph/shared';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Crash, CrashPerson, Violation } from '../entities';
import { groupedByScopeRegion, KILLED_NOT_AT_FAULT } from './regionGroups';

type Measure = (regionIds: readonly string[], period: DateRange) => SelectQueryBuilder<ObjectLiteral>;

/**
 * The TRAFFIC metrics of MOU targets (shared/src/metrics.ts), each one grouped
 * query over any number of regions: records join the region closure table, so a
 * province's figure includes its counties.
 */
export class TrafficActualStore {
  private readonly measures: Record<string, Measure>;

  constructor(private readonly dataSource: DataSource) {
    this.measures = {
      ROAD_DEATHS: (regionIds, period) => groupedByScopeRegion(this.from(Crash, 'crash'), 'crash', regionIds, period).addSelect('SUM(crash.fatalities)', 'value'),
      ROAD_DEATHS_NOT_AT_FAULT: (regionIds, period) =>
        groupedByScopeRegion(
          this.dataSource.createQueryBuilder(CrashPerson, 'person').innerJoin(Crash, 'crash', 'crash.id = person.crashId'),
          'crash',
          regionIds,
          period,
        )
          .andWhere(KILLED_NOT_AT_FAULT.condition, KILLED_NOT_AT_FAULT.parameters)
          .addSelect('COUNT(*)', 'value'),
      FATAL_CRASHES: (regionIds, period) =>
        groupedByScopeRegion(this.from(Crash, 'crash'), 'crash', regionIds, period)
          .andWhere('crash.severity = :fatal', { fatal: 'FATAL' })
          .addSelect('COUNT(*)', 'value'),
      ROAD_INJURIES: (regionIds, period) => groupedByScopeRegion(this.from(Crash, 'crash'), 'crash', regionIds, period).addSelect('SUM(crash.injuries)', 'value'),
      TRAFFIC_VIOLATIONS: (regionIds, period) => groupedByScopeRegion(this.from(Violation, 'violation'), 'violation', regionIds, period).addSelect('COUNT(*)', 'value'),
    };
  }

  get metrics(): string[] {
    return Object.keys(this.measures);
  }

  knows(metric: string): boolean {
    return Object.hasOwn(this.measures, metric);
  }

  /**
   * The metric for each region over the inclusive period, in one query. Regions
   * without records are absent from the map (their figure is zero).
   */
  async actuals(metric: string, regionIds: readonly string[], period: DateRange): Promise<Map<string, number>> {
    const rows = await this.measures[metric](regionIds, period).getRawMany<{ regionId: string; value: number | string | null }>();
    return new Map(rows.map((row) => [row.regionId, Number(row.value ?? 0)]));
  }

  private from(entity: EntityTarget<ObjectLiteral>, alias: string): SelectQueryBuilder<ObjectLiteral> {
    return this.dataSource.createQueryBuilder(entity, alias);
  }
}
