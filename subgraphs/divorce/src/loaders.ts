import DataLoader from 'dataloader';
import { loaderByKey, loaderGroupedByKey } from '@safety-graph/shared';
import { familyStatsLoaders } from './familyStats';
import type { Stores } from './store';
import { isFamilyMetricCode, type FamilyMetricCode } from './store/FamilyMetricStore';

/** What a FamilyTarget representation carries for its actual: the gateway passes these in via @requires. */
export interface ActualKey {
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Target actuals for many targets at once: keys sharing a metric and period
 * become one grouped query over all their regions. A metric this subgraph does
 * not compute, a malformed period or no region gives null without asking the store.
 */
function actualLoader(stores: Stores) {
  return new DataLoader<ActualKey, number | null, string>(
    async (keys) => {
      const groups = new Map<string, { metric: FamilyMetricCode; from: string; to: string; regionIds: Set<string> }>();
      for (const key of keys) {
        if (!isFamilyMetricCode(key.metric) || typeof key.regionId !== 'string') continue;
        if (!ISO_DATE.test(key.from) || !ISO_DATE.test(key.to) || key.from > key.to) continue;
        const groupKey = JSON.stringify([key.metric, key.from, key.to]);
        const group = groups.get(groupKey) ?? { metric: key.metric, from: key.from, to: key.to, regionIds: new Set<string>() };
        group.regionIds.add(key.regionId);
        groups.set(groupKey, group);
      }
      const values = new Map<string, number>();
      await Promise.all(
        [...groups.entries()].map(async ([groupKey, group]) => {
          const rows = await stores.metrics.actuals(group.metric, { from: group.from, to: group.to }, [...group.regionIds]);
          for (const row of rows) values.set(`${groupKey}|${row.regionId}`, row.value);
        }),
      );
      return keys.map((key) => {
        const groupKey = JSON.stringify([key.metric, key.from, key.to]);
        // A region with no records in the period has an actual of zero, not an unknown one.
        if (!groups.has(groupKey) || typeof key.regionId !== 'string') return null;
        return values.get(`${groupKey}|${key.regionId}`) ?? 0;
      });
    },
    { cacheKeyFn: (key) => JSON.stringify([key.metric, key.regionId, key.from, key.to]), maxBatchSize: 1000 },
  );
}

/**
 * Per-request loaders: every lookup by id and every list relation is one
 * batched query. Case and session loaders are bound to the agency the request
 * may see; with none they answer without asking the store. Region figures
 * hide small counts of individuals at `suppressionThreshold`.
 */
export function createLoaders(stores: Stores, viewerAgencyId: string | null, suppressionThreshold: number) {
  return {
    unitById: loaderByKey((ids: readonly string[]) => stores.units.findByIds(ids), (unit) => unit.id),
    unitsByHostAgencyId: loaderGroupedByKey((ids: readonly string[]) => stores.units.findByHostAgencyIds(ids), (unit) => unit.hostAgencyId),
    visibleCaseById: loaderByKey(
      (ids: readonly string[]) => (viewerAgencyId ? stores.cases.findByIdsHostedBy(ids, viewerAgencyId) : Promise.resolve([])),
      (counselingCase) => counselingCase.id,
    ),
    visibleSessionsByCaseId: loaderGroupedByKey(
      (caseIds: readonly string[]) => (viewerAgencyId ? stores.sessions.findByCaseIdsHostedBy(caseIds, viewerAgencyId) : Promise.resolve([])),
      (session) => session.caseId,
    ),
    visibleSessionById: loaderByKey(
      (ids: readonly string[]) => (viewerAgencyId ? stores.sessions.findByIdsHostedBy(ids, viewerAgencyId) : Promise.resolve([])),
      (session) => session.id,
    ),
    programById: loaderByKey((ids: readonly string[]) => stores.programs.findByIds(ids), (program) => program.id),
    familyActual: actualLoader(stores),
    ...familyStatsLoaders(stores, suppressionThreshold),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
