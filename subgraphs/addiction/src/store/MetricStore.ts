import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { RegionScope, type DateRange } from '@safety-graph/shared';
import { IS_EXHIBITION, referralsDatedIn, sessionsInScope } from './preventionQueries';

/** The ADDICTION metrics of shared METRICS that this subgraph computes. */
export const ADDICTION_METRIC_CODES = ['PEOPLE_REACHED', 'EXHIBITION_VISITS', 'PREVENTION_SESSIONS', 'TREATMENT_ADMISSIONS'] as const;
export type AddictionMetric = (typeof ADDICTION_METRIC_CODES)[number];

export function isAddictionMetric(code: string): code is AddictionMetric {
  return (ADDICTION_METRIC_CODES as readonly string[]).includes(code);
}

/**
 * Target actuals: one grouped query per (metric, period) over any number of
 * regions. Records keep their county; the closure table adds each county's
 * rows to its province and country.
 */
export class MetricStore {
  constructor(private readonly dataSource: DataSource) {}

  private query(metric: AddictionMetric, regionIds: readonly string[], period: DateRange): SelectQueryBuilder<object> {
    switch (metric) {
      case 'PEOPLE_REACHED':
      case 'EXHIBITION_VISITS':
        return sessionsInScope(this.dataSource, regionIds, period)
          .andWhere(metric === 'EXHIBITION_VISITS' ? IS_EXHIBITION : `NOT (${IS_EXHIBITION})`)
          .select('SUM(session.attendance)', 'value');
      case 'PREVENTION_SESSIONS':
        return sessionsInScope(this.dataSource, regionIds, period).select('COUNT(*)', 'value');
      case 'TREATMENT_ADMISSIONS':
        return referralsDatedIn(this.dataSource, 'admittedOn', period)
          .innerJoin(RegionScope, 'scope', 'scope.regionId = referral.regionId')
          .andWhere('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
          .select('COUNT(*)', 'value');
    }
  }

  /** The metric for each region id, 0 where a region has no records in the period. */
  async actuals(metric: AddictionMetric, regionIds: readonly string[], period: DateRange): Promise<Map<string, number>> {
    const rows = await this.query(metric, regionIds, period)
      .addSelect('scope.scopeRegionId', 'regionId')
      .groupBy('scope.scopeRegionId')
      .getRawMany<{ regionId: string; value: number | string | null }>();
    const byRegion = new Map(regionIds.map((regionId) => [regionId, 0]));
    for (const row of rows) byRegion.set(row.regionId, Number(row.value ?? 0));
    return byRegion;
  }
}
