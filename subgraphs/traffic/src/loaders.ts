import DataLoader from 'dataloader';
import { bucketsOf, loaderByKey, loaderGroupedByKey, type DateRange, type Granularity, type IsoDate } from '@safety-graph/shared';
import type { Stores, TrafficStats } from './store';

/** What a TrafficTarget representation carries (agreements stores it; traffic measures it). */
export interface ActualKey {
  metric: string;
  regionId: string;
  from: string;
  to: string;
}

/** Region.trafficStats: a region over an inclusive (resolved) period. */
export interface StatsKey extends DateRange {
  regionId: string;
}

/** Region.trafficSeries: a region over a period, cut into buckets. */
export interface SeriesKey extends StatsKey {
  granularity: Granularity;
}

/** A `TrafficBucket` of the API. */
export interface TrafficBucket {
  start: IsoDate;
  end: IsoDate;
  label: string;
  stats: TrafficStats;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A loader over keys that each name a region and a question about it (a
 * metric, a period, a series): keys asking the same question become one
 * grouped query over all their regions, so the number of queries follows the
 * number of distinct questions, never the number of regions. `questionOf`
 * gives null for a key that cannot be asked; `valueOf` then gets null.
 */
function regionBatchLoader<K extends { regionId: string }, A, V>(
  questionOf: (key: K) => unknown[] | null,
  ask: (sample: K, regionIds: string[]) => Promise<Map<string, A>>,
  valueOf: (answers: Map<string, A> | null, key: K) => V,
  cacheKeyOf: (key: K) => string,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const questions = new Map<string, { sample: K; regionIds: Set<string> }>();
      const questionKeys = keys.map((key) => {
        const question = questionOf(key);
        if (question === null) return null;
        const questionKey = JSON.stringify(question);
        const group = questions.get(questionKey) ?? { sample: key, regionIds: new Set<string>() };
        group.regionIds.add(key.regionId);
        questions.set(questionKey, group);
        return questionKey;
      });
      const answers = new Map<string, Map<string, A>>();
      await Promise.all(
        [...questions].map(async ([questionKey, { sample, regionIds }]) => {
          answers.set(questionKey, await ask(sample, [...regionIds]));
        }),
      );
      return keys.map((key, index) => valueOf(questionKeys[index] === null ? null : answers.get(questionKeys[index]!)!, key));
    },
    { cacheKeyFn: cacheKeyOf, maxBatchSize: 1000 },
  );
}

/**
 * Target actuals for any number of targets: keys sharing a metric and period
 * become one grouped query over all their regions. A metric traffic does not
 * measure, or a period that is not two dates, gives null.
 */
function actualLoader(stores: Stores): DataLoader<ActualKey, number | null, string> {
  return regionBatchLoader<ActualKey, number, number | null>(
    (key) => (stores.actuals.knows(key.metric) && ISO_DATE.test(key.from) && ISO_DATE.test(key.to) ? [key.metric, key.from, key.to] : null),
    (sample, regionIds) => stores.actuals.actuals(sample.metric, regionIds, { from: sample.from, to: sample.to }),
    (byRegion, key) => (byRegion ? (byRegion.get(key.regionId) ?? 0) : null),
    (key) => JSON.stringify([key.metric, key.regionId, key.from, key.to]),
  );
}

/** Region.trafficStats of any number of regions: two grouped queries (crashes, violations) per distinct period. */
function statsLoader(stores: Stores): DataLoader<StatsKey, TrafficStats, string> {
  return regionBatchLoader<StatsKey, TrafficStats, TrafficStats>(
    (key) => [key.from, key.to],
    (sample, regionIds) => stores.stats.stats(regionIds, { from: sample.from, to: sample.to }),
    (byRegion, key) => byRegion!.get(key.regionId)!,
    (key) => JSON.stringify([key.regionId, key.from, key.to]),
  );
}

/** Region.trafficSeries of any number of regions: two grouped queries per distinct (period, granularity), all buckets in them. */
function seriesLoader(stores: Stores): DataLoader<SeriesKey, TrafficBucket[], string> {
  return regionBatchLoader<SeriesKey, TrafficBucket[], TrafficBucket[]>(
    (key) => [key.from, key.to, key.granularity],
    async (sample, regionIds) => {
      const buckets = bucketsOf({ from: sample.from, to: sample.to }, sample.granularity);
      const figures = await stores.stats.series(regionIds, buckets);
      return new Map(
        [...figures].map(([regionId, perBucket]) => [
          regionId,
          buckets.map((bucket, index) => ({ start: bucket.from, end: bucket.to, label: bucket.label, stats: perBucket[index] })),
        ]),
      );
    },
    (byRegion, key) => byRegion!.get(key.regionId)!,
    (key) => JSON.stringify([key.regionId, key.from, key.to, key.granularity]),
  );
}

/** Per-request loaders: every lookup by id and every list relation is one batched query. */
export function createLoaders(stores: Stores) {
  return {
    crashById: loaderByKey((ids: readonly string[]) => stores.crashes.findByIds(ids), (crash) => crash.id),
    personsByCrashId: loaderGroupedByKey((ids: readonly string[]) => stores.crashes.findPersonsByCrashIds(ids), (person) => person.crashId),
    revisionsByCrashId: loaderGroupedByKey((ids: readonly string[]) => stores.crashes.findRevisionsByCrashIds(ids), (revision) => revision.crashId),
    violationById: loaderByKey((ids: readonly string[]) => stores.violations.findByIds(ids), (violation) => violation.id),
    campaignById: loaderByKey((ids: readonly string[]) => stores.campaigns.findByIds(ids), (campaign) => campaign.id),
    campaignsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.campaigns.findByAgreementIds(ids),
      (campaign) => campaign.agreementId,
    ),
    targetActual: actualLoader(stores),
    trafficStats: statsLoader(stores),
    trafficSeries: seriesLoader(stores),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
