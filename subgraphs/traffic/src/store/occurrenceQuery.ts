import { RegionScope, type DateRange } from '@safety-graph/shared';
import type { SelectQueryBuilder } from 'typeorm';
import type { OccurrenceKey } from '../occurrenceCursor';

/** Filters shared by crashes and violations: a region (its sub-regions included) and an inclusive period. */
export interface OccurrenceFilter {
  regionId?: string | null;
  period?: DateRange | null;
}

/** Restricts a query over `alias` (a table with region_id and occurred_on) to the filter. */
export function whereOccurrence<T extends object>(query: SelectQueryBuilder<T>, alias: string, filter: OccurrenceFilter): SelectQueryBuilder<T> {
  if (filter.regionId) {
    query.innerJoin(RegionScope, 'scope', `scope.regionId = ${alias}.regionId AND scope.scopeRegionId = :scopeRegionId`, {
      scopeRegionId: filter.regionId,
    });
  }
  if (filter.period) {
    query.andWhere(`${alias}.occurredOn BETWEEN :periodFrom AND :periodTo`, { periodFrom: filter.period.from, periodTo: filter.period.to });
  }
  return query;
}

/** Rows after the cursor in (occurredAt, id) order, one more than the page so the caller knows whether there is a next one. */
export function pageAfter<T extends object>(query: SelectQueryBuilder<T>, alias: string, after: OccurrenceKey | null, first: number): SelectQueryBuilder<T> {
  if (after) {
    query.andWhere(`(${alias}.occurredAt > :afterAt OR (${alias}.occurredAt = :afterAt AND ${alias}.id > :afterId))`, {
      afterAt: after.occurredAt,
      afterId: after.id,
    });
  }
  return query
    .orderBy(`${alias}.occurredAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(first + 1);
}
