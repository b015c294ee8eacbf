import type { DataSource } from 'typeorm';
import { CrashStore } from './CrashStore';
import { TrafficActualStore } from './TrafficActualStore';
import { TrafficCampaignStore } from './TrafficCampaignStore';
import { TrafficStatsStore } from './TrafficStatsStore';
import { ViolationStore } from './ViolationStore';

export { CrashStore, TrafficActualStore, TrafficCampaignStore, TrafficStatsStore, ViolationStore };
export type { TrafficStats } from './TrafficStatsStore';
export { snapshotPersons, type CrashCorrection, type PersonSnapshot } from './CrashStore';

export function createStores(dataSource: DataSource) {
  return {
    crashes: new CrashStore(dataSource),
    violations: new ViolationStore(dataSource),
    campaigns: new TrafficCampaignStore(dataSource),
    actuals: new TrafficActualStore(dataSource),
    stats: new TrafficStatsStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
