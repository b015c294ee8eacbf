import type { SubgraphContext } from '@safety-graph/shared';
import { createLoaders, type Loaders } from './loaders';
import { createStores, type Stores } from './store';

export interface TrafficContext extends SubgraphContext {
  stores: Stores;
  loaders: Loaders;
}

export function createContext(base: SubgraphContext): TrafficContext {
  const stores = createStores(base.store.dataSource);
  return { ...base, stores, loaders: createLoaders(stores, base.config.suppressionThreshold) };
}
