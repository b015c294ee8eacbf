import type { DataSource } from 'typeorm';
import { MetricStore } from './MetricStore';
import { ProgramStore } from './ProgramStore';
import { ReferralStore } from './ReferralStore';
import { SessionStore } from './SessionStore';

export { MetricStore, ProgramStore, ReferralStore, SessionStore };

export function createStores(dataSource: DataSource) {
  return {
    programs: new ProgramStore(dataSource),
    sessions: new SessionStore(dataSource),
    referrals: new ReferralStore(dataSource),
    metrics: new MetricStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
