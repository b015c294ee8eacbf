import { agencyId, type SubgraphContext } from '@safety-graph/shared';
import { createLoaders, type Loaders } from './loaders';
import { createStores, type Stores } from './store';

export interface DivorceContext extends SubgraphContext {
  stores: Stores;
  loaders: Loaders;
  /**
   * The agency whose units' cases this request may see: the caller's agency,
   * or null with no caller (then no case and no session is visible).
   */
  viewerAgencyId: string | null;
}

export function createContext(base: SubgraphContext): DivorceContext {
  const stores = createStores(base.store.dataSource);
  const viewerAgencyId = base.caller ? agencyId(base.caller.agencyCode) : null;
  return { ...base, stores, viewerAgencyId, loaders: createLoaders(stores, viewerAgencyId, base.config.suppressionThreshold) };
}
