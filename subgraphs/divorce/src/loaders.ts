import { loaderByKey, loaderGroupedByKey, statisticsLoaders } from '@safety-graph/shared';
import { FAMILY_MEASURES, type Stores } from './store';

/**
 * Per-request loaders: every lookup by id and every list relation is one
 * batched query. Case and session loaders are bound to the agency the request
 * may see; with none they answer without asking the store. Region figures
 * hide small counts of individuals at `suppressionThreshold`.
 */
export function createLoaders(stores: Stores, viewerAgencyId: string | null, suppressionThreshold: number) {
  return {
    unitById: loaderByKey(
      (ids: readonly string[]) => stores.units.findByIds(ids),
      (unit) => unit.id,
    ),
    unitsByHostAgencyId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.units.findByHostAgencyIds(ids),
      (unit) => unit.hostAgencyId,
    ),
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
    programById: loaderByKey(
      (ids: readonly string[]) => stores.programs.findByIds(ids),
      (program) => program.id,
    ),
    /** Region.familyStats, Region.familySeries and FamilyTarget.actual, through the shared statistics engine. */
    statistics: statisticsLoaders(stores.measures, FAMILY_MEASURES, suppressionThreshold),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
