import DataLoader from 'dataloader';
import { loaderByKey, loaderGroupedByKey } from '@safety-graph/shared';
import type { Stores } from './store';

/** What a TrafficTarget representation carries (agreements stores it; traffic measures it). */
export interface ActualKey {
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Target actuals for any number of targets: keys sharing a metric and period
 * become one grouped query over all their regions. A metric traffic does not
 * measure, or a period that is not two dates, gives null.
 */
function actualLoader(stores: Stores): DataLoader<ActualKey, number | null, string> {
  return new DataLoader<ActualKey, number | null, string>(
    async (keys) => {
      const groups = new Map<string, { key: ActualKey; regionIds: Set<string> }>();
      for (const key of keys) {
        if (!stores.actuals.knows(key.metric) || !ISO_DATE.test(key.from) || !ISO_DATE.test(key.to)) continue;
        const groupKey = JSON.stringify([key.metric, key.from, key.to]);
        const group = groups.get(groupKey) ?? { key, regionIds: new Set<string>() };
        group.regionIds.add(key.regionId);
        groups.set(groupKey, group);
      }
      const results = new Map<string, Map<string, number>>();
      await Promise.all(
        [...groups].map(async ([groupKey, { key, regionIds }]) => {
          results.set(groupKey, await stores.actuals.actuals(key.metric, [...regionIds], { from: key.from, to: key.to }));
        }),
      );
      return keys.map((key) => {
        const byRegion = results.get(JSON.stringify([key.metric, key.from, key.to]));
        return byRegion ? (byRegion.get(key.regionId) ?? 0) : null;
      });
    },
    { cacheKeyFn: (key) => JSON.stringify([key.metric, key.regionId, key.from, key.to]), maxBatchSize: 1000 },
  );
}

/** Per-request loaders: every lookup by id and every list relation is one batched query. */
export function createLoaders(stores: Stores) {
  return {
    crashById: loaderByKey((ids: readonly string[]) => stores.crashes.findByIds(ids), (crash) => crash.id),
    personsByCrashId: loaderGroupedByKey((ids: readonly string[]) => stores.crashes.findPersonsByCrashIds(ids), (person) => person.crashId),
    violationById: loaderByKey((ids: readonly string[]) => stores.violations.findByIds(ids), (violation) => violation.id),
    campaignById: loaderByKey((ids: readonly string[]) => stores.campaigns.findByIds(ids), (campaign) => campaign.id),
    campaignsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.campaigns.findByAgreementIds(ids),
      (campaign) => campaign.agreementId,
    ),
    targetActual: actualLoader(stores),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
