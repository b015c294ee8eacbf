import type { DataSource } from 'typeorm';
import { MeasureStore } from '@safety-graph/shared';
import { ProgramStore } from './ProgramStore';
import { ReferralStore } from './ReferralStore';
import { SessionStore } from './SessionStore';

export { ProgramStore, ReferralStore, SessionStore };
export { PREVENTION_MEASURES } from './measures';

export function createStores(dataSource: DataSource) {
  return {
    programs: new ProgramStore(dataSource),
    sessions: new SessionStore(dataSource),
    referrals: new ReferralStore(dataSource),
    measures: new MeasureStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
