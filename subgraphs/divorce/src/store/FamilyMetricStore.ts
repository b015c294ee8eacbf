import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { RegionScope, type DateRange } from '@safety-graph/shared';
import { CounselingCase, CounselingSession } from '../entities';

/** The FAMILY metrics of shared/src/metrics.ts that this subgraph computes. */
export const FAMILY_METRIC_CODES = ['COUNSELING_SESSIONS', 'FREE_COUNSELING_SESSIONS', 'RECONCILIATIONS'] as const;
export type FamilyMetricCode = (typeof FAMILY_METRIC_CODES)[number];

export function isFamilyMetricCode(code: string): code is FamilyMetricCode {
  return (FAMILY_METRIC_CODES as readonly string[]).includes(code);
}

/** Counts of individuals (one case per family counselled): published only through a suppression table. */
export const INDIVIDUAL_COUNT_METRICS = ['CASES_OPENED', 'RECONCILIATIONS'] as const;
export type IndividualCountMetric = (typeof INDIVIDUAL_COUNT_METRICS)[number];

type CountedMetric = FamilyMetricCode | IndividualCountMetric;

export interface RegionValue {
  regionId: string;
  value: number;
}

/** Sessions held in one region over one period (or one bucket of a series). */
export interface SessionCounts {
  sessions: number;
  freeSessions: number;
}

/**
 * What a metric counts: rows of `entity`, put in a period by `datedBy`,
 * narrowed by `condition`. Target actuals, region statistics and suppression
 * tables all count through these, so a metric means the same everywhere.
 */
interface Measure {
  entity: typeof CounselingSession | typeof CounselingCase;
  alias: string;
  datedBy: string;
  condition?: { sql: string; parameters: Record<string, unknown> };
}

const FREE_SESSION = { sql: 'session.free = :free', parameters: { free: true } };

const SESSIONS: Measure = { entity: CounselingSession, alias: 'session', datedBy: 'session.heldOn' };

const MEASURES: Record<CountedMetric, Measure> = {
  COUNSELING_SESSIONS: SESSIONS,
  FREE_COUNSELING_SESSIONS: { ...SESSIONS, condition: FREE_SESSION },
  RECONCILIATIONS: {
    entity: CounselingCase,
    alias: 'counselingCase',
    datedBy: 'counselingCase.closedOn',
    condition: { sql: 'counselingCase.outcome = :outcome', parameters: { outcome: 'RECONCILED' } },
  },
  CASES_OPENED: { entity: CounselingCase, alias: 'counselingCase', datedBy: 'counselingCase.openedOn' },
};

/** SUM over no rows is NULL, and MariaDB returns sums (DECIMAL) and counts of some drivers as strings. */
const integer = (value: number | string | null | undefined): number => Number(value ?? 0);

/**
 * Regional figures, each one grouped query over any number of regions, each
 * region counting the records of the regions under it (region_scope): target
 * actuals per metric and period, session counts per period or per series, and
 * the per-county monthly counts that suppression tables are built from.
 */
export class FamilyMetricStore {
  constructor(private readonly dataSource: DataSource) {}

  async actuals(metric: FamilyMetricCode, period: DateRange, regionIds: readonly string[]): Promise<RegionValue[]> {
    if (regionIds.length === 0) return [];
    const rows = await this.groupedByScopeRegion(MEASURES[metric], period, regionIds)
      .addSelect('COUNT(*)', 'value')
      .getRawMany<{ regionId: string; value: number | string }>();
    return rows.map((row) => ({ regionId: row.regionId, value: integer(row.value) }));
  }

  /**
   * Sessions and free sessions of every requested region in each of `buckets`
   * (contiguous, in order, as bucketsOf gives them; a plain period is one
   * bucket): one query, a bucket without sessions giving zeros.
   */
  async sessionCounts(regionIds: readonly string[], buckets: readonly DateRange[]): Promise<Map<string, SessionCounts[]>> {
    const byRegion = new Map(regionIds.map((regionId) => [regionId, buckets.map(() => ({ sessions: 0, freeSessions: 0 }))]));
    if (regionIds.length === 0 || buckets.length === 0) return byRegion;
    const span = { from: buckets[0].from, to: buckets[buckets.length - 1].to };
    const query = this.groupedByScopeRegion(SESSIONS, span, regionIds)
      .addSelect('COUNT(*)', 'sessions')
      .addSelect(`SUM(CASE WHEN ${FREE_SESSION.sql} THEN 1 ELSE 0 END)`, 'freeSessions')
      .setParameters(FREE_SESSION.parameters);
    const rows = await inBuckets(query, SESSIONS.datedBy, buckets, 0).getRawMany<{
      regionId: string;
      bucket: number | string;
      sessions: number | string;
      freeSessions: number | string | null;
    }>();
    for (const row of rows) {
      byRegion.get(row.regionId)![integer(row.bucket)] = { sessions: integer(row.sessions), freeSessions: integer(row.freeSessions) };
    }
    return byRegion;
  }

  /**
   * The counts a suppression table is built from: per county (`leafRegionIds`)
   * per month of one calendar year (`months`, its 12 months in order), month 1
   * to 12 told by a CASE over the months' bounds. One query, whatever is asked of the table.
   */
  async monthlyCounts(metric: IndividualCountMetric, months: readonly DateRange[], leafRegionIds: readonly string[]): Promise<Map<string, number[]>> {
    const byLeaf = new Map(leafRegionIds.map((regionId) => [regionId, months.map(() => 0)]));
    if (leafRegionIds.length === 0 || months.length === 0) return byLeaf;
    const measure = MEASURES[metric];
    const span = { from: months[0].from, to: months[months.length - 1].to };
    const query = this.groupedByScopeRegion(measure, span, leafRegionIds).addSelect('COUNT(*)', 'value');
    const rows = await inBuckets(query, measure.datedBy, months, 1).getRawMany<{ regionId: string; bucket: number | string; value: number | string }>();
    for (const row of rows) byLeaf.get(row.regionId)![integer(row.bucket) - 1] = integer(row.value);
    return byLeaf;
  }

  /** The records of `measure` in the inclusive period, grouped by the requested regions (a province's group holds its counties' records). */
  private groupedByScopeRegion(measure: Measure, period: DateRange, regionIds: readonly string[]): SelectQueryBuilder<object> {
    const query = this.dataSource
      .createQueryBuilder()
      .from(measure.entity, measure.alias)
      .innerJoin(RegionScope, 'scope', `scope.regionId = ${measure.alias}.regionId`)
      .select('scope.scopeRegionId', 'regionId')
      .where(`${measure.datedBy} BETWEEN :from AND :to`, { from: period.from, to: period.to })
      .andWhere('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
      .groupBy('scope.scopeRegionId');
    if (measure.condition) query.andWhere(measure.condition.sql, measure.condition.parameters);
    return query;
  }
}

/**
 * Adds a bucket number to a grouped query: a CASE over the buckets' inclusive
 * bounds, numbered from `firstNumber`. The query's period is the buckets' span,
 * so every record falls in one of them.
 */
function inBuckets(query: SelectQueryBuilder<object>, datedBy: string, buckets: readonly DateRange[], firstNumber: number): SelectQueryBuilder<object> {
  // A single bucket is the whole period: nothing more to group by (and SQLite refuses to group by a constant).
  if (buckets.length === 1) return query.addSelect(String(firstNumber), 'bucket');
  const parameters: Record<string, string> = {};
  const branches = buckets.map((bucket, index) => {
    parameters[`bucketFrom${index}`] = bucket.from;
    parameters[`bucketTo${index}`] = bucket.to;
    return `WHEN ${datedBy} BETWEEN :bucketFrom${index} AND :bucketTo${index} THEN ${index + firstNumber}`;
  });
  return query.addSelect(`CASE ${branches.join(' ')} END`, 'bucket').addGroupBy('bucket').setParameters(parameters);
}
