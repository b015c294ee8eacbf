import type { DataSource } from 'typeorm';
import { MetricStore } from './MetricStore';
import { PreventionStatsStore } from './PreventionStatsStore';
import { ProgramStore } from './ProgramStore';
import { ReferralStore } from './ReferralStore';
import { SessionStore } from './SessionStore';

export { MetricStore, PreventionStatsStore, ProgramStore, ReferralStore, SessionStore };
export { SMALL_COUNTS, type ActivityFigures, type SmallCount } from './PreventionStatsStore';

export function createStores(dataSource: DataSource) {
  return {
    programs: new ProgramStore(dataSource),
    sessions: new SessionStore(dataSource),
    referrals: new ReferralStore(dataSource),
    metrics: new MetricStore(dataSource),
    stats: new PreventionStatsStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
