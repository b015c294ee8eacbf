import { RegionScope, type DateRange } from '@safety-graph/shared';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Crash, CrashPerson, Violation } from '../entities';

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
      ROAD_DEATHS: (regionIds, period) => this.perRegion(this.from(Crash, 'crash'), 'crash', regionIds, period).addSelect('SUM(crash.fatalities)', 'value'),
      ROAD_DEATHS_NOT_AT_FAULT: (regionIds, period) =>
        this.perRegion(
          this.dataSource.createQueryBuilder(CrashPerson, 'person').innerJoin(Crash, 'crash', 'crash.id = person.crashId'),
          'crash',
          regionIds,
          period,
        )
          .andWhere('person.injury = :killed AND person.faultStatus = :notAtFault', { killed: 'K', notAtFault: 'NOT_AT_FAULT' })
          .addSelect('COUNT(*)', 'value'),
      FATAL_CRASHES: (regionIds, period) =>
        this.perRegion(this.from(Crash, 'crash'), 'crash', regionIds, period)
          .andWhere('crash.severity = :fatal', { fatal: 'FATAL' })
          .addSelect('COUNT(*)', 'value'),
      ROAD_INJURIES: (regionIds, period) => this.perRegion(this.from(Crash, 'crash'), 'crash', regionIds, period).addSelect('SUM(crash.injuries)', 'value'),
      TRAFFIC_VIOLATIONS: (regionIds, period) => this.perRegion(this.from(Violation, 'violation'), 'violation', regionIds, period).addSelect('COUNT(*)', 'value'),
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

  /** Groups `query` by the requested regions; `locatedBy` is its alias with region_id and occurred_on. */
  private perRegion(
    query: SelectQueryBuilder<ObjectLiteral>,
    locatedBy: string,
    regionIds: readonly string[],
    period: DateRange,
  ): SelectQueryBuilder<ObjectLiteral> {
    return query
      .innerJoin(RegionScope, 'scope', `scope.regionId = ${locatedBy}.regionId`)
      .select('scope.scopeRegionId', 'regionId')
      .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .andWhere(`${locatedBy}.occurredOn BETWEEN :from AND :to`, { from: period.from, to: period.to })
      .groupBy('scope.scopeRegionId');
  }
}
