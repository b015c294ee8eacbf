import type { DataSource } from 'typeorm';
import { MeasureStore } from '@safety-graph/shared';
import { CrashStore } from './CrashStore';
import { TrafficCampaignStore } from './TrafficCampaignStore';
import { ViolationStore } from './ViolationStore';

export { CrashStore, TrafficCampaignStore, ViolationStore };
export { TRAFFIC_MEASURES, changingCrashes, changingViolations } from './measures';
export { snapshotPersons, type CrashCorrection, type PersonSnapshot, type PreparedCrashes } from './CrashStore';

export function createStores(dataSource: DataSource) {
  return {
    crashes: new CrashStore(dataSource),
    violations: new ViolationStore(dataSource),
    campaigns: new TrafficCampaignStore(dataSource),
    measures: new MeasureStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
