import { RegionScope, type DateRange } from '@safety-graph/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Groups `query` by the requested regions over an inclusive period: records
 * join the region closure table, so a province's row includes its counties.
 * `locatedBy` is the alias of the table with region_id and occurred_on.
 * Call it before adding selections and conditions (it sets the first of each).
 */
export function groupedByScopeRegion(
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

/** A person killed (K) and not at fault: what ROAD_DEATHS_NOT_AT_FAULT and `fatalitiesNotAtFault` count; `person` is the alias. */
export const KILLED_NOT_AT_FAULT = {
  condition: 'person.injury = :killedInjury AND person.faultStatus = :notAtFaultStatus',
  parameters: { killedInjury: 'K', notAtFaultStatus: 'NOT_AT_FAULT' },
};
