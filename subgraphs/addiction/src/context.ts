import { agencyId, type SubgraphContext } from '@safety-graph/shared';
import { createLoaders, type Loaders } from './loaders';
import { createStores, type Stores } from './store';

export interface AddictionContext extends SubgraphContext {
  stores: Stores;
  loaders: Loaders;
  /** The caller's agency, which decides which treatment referrals are visible; null without a caller. */
  callerAgencyId: string | null;
}

export function createContext(base: SubgraphContext): AddictionContext {
  const stores = createStores(base.store.dataSource);
  const callerAgencyId = base.caller ? agencyId(base.caller.agencyCode) : null;
  return { ...base, stores, callerAgencyId, loaders: createLoaders(stores, callerAgencyId, base.config.suppressionThreshold) };
}
