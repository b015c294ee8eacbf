import type { DataSource } from 'typeorm';
import { AgencyStore } from './AgencyStore';
import { LiaisonStore } from './LiaisonStore';
import { RegionStore } from './RegionStore';

export { AgencyStore, LiaisonStore, RegionStore };

export function createStores(dataSource: DataSource) {
  return {
    regions: new RegionStore(dataSource),
    agencies: new AgencyStore(dataSource),
    liaisons: new LiaisonStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
