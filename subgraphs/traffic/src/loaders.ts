import { loaderByKey, loaderGroupedByKey, statisticsLoaders } from '@safety-graph/shared';
import { TRAFFIC_MEASURES, type Stores } from './store';

/** Per-request loaders: every lookup by id and every list relation is one batched query. */
export function createLoaders(stores: Stores, suppressionThreshold: number) {
  return {
    crashById: loaderByKey(
      (ids: readonly string[]) => stores.crashes.findByIds(ids),
      (crash) => crash.id,
    ),
    personsByCrashId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.crashes.findPersonsByCrashIds(ids),
      (person) => person.crashId,
    ),
    revisionsByCrashId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.crashes.findRevisionsByCrashIds(ids),
      (revision) => revision.crashId,
    ),
    violationById: loaderByKey(
      (ids: readonly string[]) => stores.violations.findByIds(ids),
      (violation) => violation.id,
    ),
    campaignById: loaderByKey(
      (ids: readonly string[]) => stores.campaigns.findByIds(ids),
      (campaign) => campaign.id,
    ),
    campaignsByAgreementId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.campaigns.findByAgreementIds(ids),
      (campaign) => campaign.agreementId,
    ),
    /** Region.trafficStats, Region.trafficSeries and TrafficTarget.actual, through the shared statistics engine. */
    statistics: statisticsLoaders(stores.measures, TRAFFIC_MEASURES, suppressionThreshold),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
