import { loaderByKey, loaderGroupedByKey } from '@safety-graph/shared';
import type { Stores } from './store';

/** Per-request loaders: every lookup by id or code and every list relation is one batched query. */
export function createLoaders(stores: Stores) {
  return {
    regionById: loaderByKey(
      (ids: readonly string[]) => stores.regions.findByIds(ids),
      (region) => region.id,
    ),
    regionByCode: loaderByKey(
      (codes: readonly string[]) => stores.regions.findByCodes(codes),
      (region) => region.code,
    ),
    // Rows found by parent id always have one, hence the casts below.
    regionsByParentId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.regions.findByParentIds(ids),
      (region) => region.parentId as string,
    ),
    agencyById: loaderByKey(
      (ids: readonly string[]) => stores.agencies.findByIds(ids),
      (agency) => agency.id,
    ),
    agencyByCode: loaderByKey(
      (codes: readonly string[]) => stores.agencies.findByCodes(codes),
      (agency) => agency.code,
    ),
    agenciesByRegionId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.agencies.findByRegionIds(ids),
      (agency) => agency.regionId,
    ),
    agenciesByParentId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.agencies.findByParentIds(ids),
      (agency) => agency.parentId as string,
    ),
    liaisonsByAgencyId: loaderGroupedByKey(
      (ids: readonly string[]) => stores.liaisons.findByAgencyIds(ids),
      (liaison) => liaison.agencyId,
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
