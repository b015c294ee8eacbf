import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RegionScope, type DateRange } from '@safety-graph/shared';
import { PreventionProgram, ProgramSession, TreatmentReferral } from '../entities';

/**
 * The SQL that target actuals and region statistics share, so that a target's
 * PEOPLE_REACHED and a region's `peopleReached` cannot drift apart. Records
 * keep their county; the closure table adds each county's rows to its province
 * and country, and `scope.scopeRegionId` is what callers group by.
 */

/** `program` is an exhibition: its sessions are days open and their attendance is visits, not people reached. */
export const IS_EXHIBITION = 'program.kind = :exhibitionKind';
const EXHIBITION_PARAMETERS = { exhibitionKind: 'EXHIBITION' };

/** Sessions (alias `session`, with their programme as `program`) held in the period in any of the regions. */
export function sessionsInScope(dataSource: DataSource, regionIds: readonly string[], period: DateRange): SelectQueryBuilder<ProgramSession> {
  return dataSource
    .getRepository(ProgramSession)
    .createQueryBuilder('session')
    .innerJoin(RegionScope, 'scope', 'scope.regionId = session.regionId')
    .innerJoin(PreventionProgram, 'program', 'program.id = session.programId')
    .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] })
    .andWhere('session.heldOn BETWEEN :from AND :to', { from: period.from, to: period.to })
    .setParameters(EXHIBITION_PARAMETERS);
}

/** Programmes (alias `program`) located in any of the regions: a province's own and its counties'. */
export function programsInScope(dataSource: DataSource, regionIds: readonly string[]): SelectQueryBuilder<PreventionProgram> {
  return dataSource
    .getRepository(PreventionProgram)
    .createQueryBuilder('program')
    .innerJoin(RegionScope, 'scope', 'scope.regionId = program.regionId')
    .where('scope.scopeRegionId IN (:...regionIds)', { regionIds: [...regionIds] });
}

/** The referral dates counted: made (`referredOn`) or treatment started (`admittedOn`). */
export type ReferralDate = 'referredOn' | 'admittedOn';

/** Referrals (alias `referral`) whose date falls in the period, anywhere. */
export function referralsDatedIn(dataSource: DataSource, date: ReferralDate, period: DateRange): SelectQueryBuilder<TreatmentReferral> {
  return dataSource
    .getRepository(TreatmentReferral)
    .createQueryBuilder('referral')
    .where(`referral.${date} BETWEEN :from AND :to`, { from: period.from, to: period.to });
}

/**
 * Adds the index of the bucket a record's date falls in, selected and grouped
 * as `bucket`. The buckets are contiguous and in order, so a date's bucket is
 * the last one starting on or before it: a CASE over the start dates, latest
 * first. Rows outside the buckets must already be filtered out.
 */
export function groupedByBucket<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, dateColumn: string, buckets: readonly DateRange[]): SelectQueryBuilder<T> {
  const parameters: Record<string, string> = {};
  const branches: string[] = [];
  for (let index = buckets.length - 1; index > 0; index -= 1) {
    parameters[`bucketStart${index}`] = buckets[index].from;
    branches.push(`WHEN ${dateColumn} >= :bucketStart${index} THEN ${index}`);
  }
  // A single bucket is the whole period: nothing more to group by (and SQLite refuses to group by a constant).
  if (branches.length === 0) return query.addSelect('0', 'bucket');
  return query.addSelect(`CASE ${branches.join(' ')} ELSE 0 END`, 'bucket').addGroupBy('bucket').setParameters(parameters);
}
