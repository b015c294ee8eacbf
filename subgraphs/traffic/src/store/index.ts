import type { DataSource } from 'typeorm';
import { CrashStore } from './CrashStore';
import { TrafficActualStore } from './TrafficActualStore';
import { TrafficCampaignStore } from './TrafficCampaignStore';
import { ViolationStore } from './ViolationStore';

export { CrashStore, TrafficActualStore, TrafficCampaignStore, ViolationStore };

export function createStores(dataSource: DataSource) {
  return {
    crashes: new CrashStore(dataSource),
    violations: new ViolationStore(dataSource),
    campaigns: new TrafficCampaignStore(dataSource),
    actuals: new TrafficActualStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
