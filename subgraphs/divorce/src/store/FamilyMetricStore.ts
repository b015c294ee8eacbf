import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { RegionScope, type DateRange } from '@safety-graph/shared';
import { CounselingCase, CounselingSession } from '../entities';

/** The FAMILY metrics of shared/src/metrics.ts that this subgraph computes. */
export const FAMILY_METRIC_CODES = ['COUNSELING_SESSIONS', 'FREE_COUNSELING_SESSIONS', 'RECONCILIATIONS'] as const;
export type FamilyMetricCode = (typeof FAMILY_METRIC_CODES)[number];

export function isFamilyMetricCode(code: string): code is FamilyMetricCode {
  return (FAMILY_METRIC_CODES as readonly string[]).includes(code);
}

export interface RegionValue {
  regionId: string;
  value: number;
}

/**
 * Target actuals: one grouped query per metric and period over any number of
 * regions, each region counting the records of the regions under it.
 */
export class FamilyMetricStore {
  constructor(private readonly dataSource: DataSource) {}

  async actuals(metric: FamilyMetricCode, period: DateRange, regionIds: readonly string[]): Promise<RegionValue[]> {
    if (regionIds.length === 0) return [];
    const query = this.queryFor(metric, period)
      .select('scope.scopeRegionId', 'regionId')
      .addSelect('COUNT(*)', 'value')
      .andWhere('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .groupBy('scope.scopeRegionId');
    const rows = await query.getRawMany<{ regionId: string; value: number | string }>();
    return rows.map((row) => ({ regionId: row.regionId, value: Number(row.value) }));
  }

  private queryFor(metric: FamilyMetricCode, period: DateRange): SelectQueryBuilder<object> {
    switch (metric) {
      case 'COUNSELING_SESSIONS':
        return this.sessionsHeldIn(period);
      case 'FREE_COUNSELING_SESSIONS':
        return this.sessionsHeldIn(period).andWhere('session.free = :free', { free: true });
      case 'RECONCILIATIONS':
        return this.dataSource
          .createQueryBuilder()
          .from(CounselingCase, 'counselingCase')
          .innerJoin(RegionScope, 'scope', 'scope.regionId = counselingCase.regionId')
          .where('counselingCase.outcome = :outcome', { outcome: 'RECONCILED' })
          .andWhere('counselingCase.closedOn BETWEEN :from AND :to', { from: period.from, to: period.to });
    }
  }

  private sessionsHeldIn(period: DateRange): SelectQueryBuilder<object> {
    return this.dataSource
      .createQueryBuilder()
      .from(CounselingSession, 'session')
      .innerJoin(RegionScope, 'scope', 'scope.regionId = session.regionId')
      .where('session.heldOn BETWEEN :from AND :to', { from: period.from, to: period.to });
  }
}
