import type { DataSource } from 'typeorm';
import { bucketsOf, unitRange, type Calendar, type DateRange } from '@safety-graph/shared';
import { groupedByBucket, IS_EXHIBITION, programsInScope, referralsDatedIn, sessionsInScope, type ReferralDate } from './preventionQueries';

/** The activity figures of a region over a period: published as they are, whatever the period. */
export interface ActivityFigures {
  programs: number;
  sessions: number;
  peopleReached: number;
  exhibitionVisits: number;
}

/** Counts of individuals: published only as cells of a suppressed table. */
export const SMALL_COUNTS = ['referralsToTreatment', 'treatmentAdmissions'] as const;
export type SmallCount = (typeof SMALL_COUNTS)[number];

/** The date a small count counts a referral by. */
const DATE_OF: Record<SmallCount, ReferralDate> = { referralsToTreatment: 'referredOn', treatmentAdmissions: 'admittedOn' };

const noActivity = (): ActivityFigures => ({ programs: 0, sessions: 0, peopleReached: 0, exhibitionVisits: 0 });

/** SUM over no rows is NULL, and MariaDB returns sums (DECIMAL) and counts as strings. */
const integer = (value: number | string | null | undefined): number => Number(value ?? 0);

/**
 * Region statistics, aggregated in SQL. Activity: two grouped queries (programmes,
 * sessions) for any number of regions and buckets. Small counts: one query per
 * (metric, calendar year) giving the counties' monthly counts, the only input
 * the suppressed table takes.
 */
export class PreventionStatsStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every requested region's activity in each of `buckets` (contiguous, in
   * order, as bucketsOf gives them; one bucket for a plain period). A bucket
   * without records gives zeros.
   */
  async activity(regionIds: readonly string[], buckets: readonly DateRange[]): Promise<Map<string, ActivityFigures[]>> {
    const byRegion = new Map(regionIds.map((regionId) => [regionId, buckets.map(noActivity)]));
    if (buckets.length === 0) return byRegion;
    const span: DateRange = { from: buckets[0].from, to: buckets[buckets.length - 1].to };
    const [programRows, sessionRows] = await Promise.all([this.programRows(regionIds, buckets, span), this.sessionRows(regionIds, buckets, span)]);
    for (const row of programRows) {
      const figures = byRegion.get(row.regionId)!;
      buckets.forEach((_, index) => (figures[index].programs = integer(row[`programs${index}`])));
    }
    for (const row of sessionRows) {
      Object.assign(byRegion.get(row.regionId)![integer(row.bucket)], {
        sessions: integer(row.sessions),
        peopleReached: integer(row.peopleReached),
        exhibitionVisits: integer(row.exhibitionVisits),
      });
    }
    return byRegion;
  }

  /**
   * Programmes active in each bucket: those whose dates overlap it. A
   * programme runs over many buckets, so each bucket is a column of its own
   * (one row per region) rather than a group.
   */
  private programRows(regionIds: readonly string[], buckets: readonly DateRange[], span: DateRange) {
    const query = programsInScope(this.dataSource, regionIds)
      .andWhere('program.startsOn <= :spanTo AND program.endsOn >= :spanFrom', { spanFrom: span.from, spanTo: span.to })
      .select('scope.scopeRegionId', 'regionId')
      .groupBy('scope.scopeRegionId');
    buckets.forEach((bucket, index) => {
      query
        .addSelect(`SUM(CASE WHEN program.startsOn <= :bucketTo${index} AND program.endsOn >= :bucketFrom${index} THEN 1 ELSE 0 END)`, `programs${index}`)
        .setParameters({ [`bucketFrom${index}`]: bucket.from, [`bucketTo${index}`]: bucket.to });
    });
    return query.getRawMany<{ regionId: string } & Record<string, number | string | null>>();
  }

  private sessionRows(regionIds: readonly string[], buckets: readonly DateRange[], span: DateRange) {
    const query = sessionsInScope(this.dataSource, regionIds, span)
      .select('scope.scopeRegionId', 'regionId')
      .addSelect('COUNT(*)', 'sessions')
      .addSelect(`SUM(CASE WHEN ${IS_EXHIBITION} THEN 0 ELSE session.attendance END)`, 'peopleReached')
      .addSelect(`SUM(CASE WHEN ${IS_EXHIBITION} THEN session.attendance ELSE 0 END)`, 'exhibitionVisits')
      .groupBy('scope.scopeRegionId');
    return groupedByBucket(query, 'session.heldOn', buckets).getRawMany<{
      regionId: string;
      bucket: number | string;
      sessions: number | string;
      peopleReached: number | string | null;
      exhibitionVisits: number | string | null;
    }>();
  }

  /**
   * The counties' counts per month of one calendar year (12 per county, months
   * of `calendar`), from one query grouped by county and month. Records keep
   * their county, so no closure join is needed: the suppressed table adds the
   * counties up itself.
   */
  async monthlyCounts(metric: SmallCount, calendar: Calendar, year: number): Promise<Map<string, number[]>> {
    const yearRange = unitRange({ calendar, kind: 'YEAR', year, index: 0 });
    const months = bucketsOf(yearRange, calendar === 'SOLAR' ? 'SOLAR_MONTH' : 'MONTH');
    const query = referralsDatedIn(this.dataSource, DATE_OF[metric], yearRange)
      .select('referral.regionId', 'regionId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('referral.regionId');
    const rows = await groupedByBucket(query, `referral.${DATE_OF[metric]}`, months).getRawMany<{
      regionId: string;
      bucket: number | string;
      count: number | string;
    }>();
    const byCounty = new Map<string, number[]>();
    for (const row of rows) {
      const counts = byCounty.get(row.regionId) ?? months.map(() => 0);
      counts[integer(row.bucket)] = integer(row.count);
      byCounty.set(row.regionId, counts);
    }
    return byCounty;
  }
}
