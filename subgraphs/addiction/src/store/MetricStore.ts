import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { RegionScope, type DateRange } from '@safety-graph/shared';
import { PreventionProgram, ProgramSession, TreatmentReferral } from '../entities';

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

  private sessionsIn(regionIds: readonly string[], period: DateRange): SelectQueryBuilder<ProgramSession> {
    return this.dataSource
      .getRepository(ProgramSession)
      .createQueryBuilder('session')
      .innerJoin(RegionScope, 'scope', 'scope.regionId = session.regionId')
      .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .andWhere('session.heldOn BETWEEN :from AND :to', { from: period.from, to: period.to });
  }

  private query(metric: AddictionMetric, regionIds: readonly string[], period: DateRange): SelectQueryBuilder<object> {
    switch (metric) {
      case 'PEOPLE_REACHED':
      case 'EXHIBITION_VISITS':
        return this.sessionsIn(regionIds, period)
          .innerJoin(PreventionProgram, 'program', 'program.id = session.programId')
          .andWhere(metric === 'EXHIBITION_VISITS' ? 'program.kind = :exhibition' : 'program.kind <> :exhibition', { exhibition: 'EXHIBITION' })
          .select('SUM(session.attendance)', 'value');
      case 'PREVENTION_SESSIONS':
        return this.sessionsIn(regionIds, period).select('COUNT(*)', 'value');
      case 'TREATMENT_ADMISSIONS':
        return this.dataSource
          .getRepository(TreatmentReferral)
          .createQueryBuilder('referral')
          .innerJoin(RegionScope, 'scope', 'scope.regionId = referral.regionId')
          .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
          .andWhere('referral.admittedOn BETWEEN :from AND :to', { from: period.from, to: period.to })
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
