import { agencyId, type SubgraphContext } from '@safety-graph/shared';
import { createLoaders, type Loaders } from './loaders';
import { createStores, type Stores } from './store';

export interface AgreementsContext extends SubgraphContext {
  stores: Stores;
  loaders: Loaders;
  /** The caller's agency, recorded as the author of every write; null without a caller. */
  callerAgencyId: string | null;
}

export function createContext(base: SubgraphContext): AgreementsContext {
  const stores = createStores(base.store.dataSource);
  return { ...base, stores, loaders: createLoaders(stores), callerAgencyId: base.caller ? agencyId(base.caller.agencyCode) : null };
}
