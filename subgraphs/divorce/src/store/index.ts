import type { DataSource } from 'typeorm';
import { CounselingCaseStore } from './CounselingCaseStore';
import { CounselingSessionStore } from './CounselingSessionStore';
import { CounselingUnitStore } from './CounselingUnitStore';
import { FamilyMetricStore } from './FamilyMetricStore';
import { FamilyProgramStore } from './FamilyProgramStore';

export { CounselingCaseStore, CounselingSessionStore, CounselingUnitStore, FamilyMetricStore, FamilyProgramStore };

export function createStores(dataSource: DataSource) {
  return {
    units: new CounselingUnitStore(dataSource),
    cases: new CounselingCaseStore(dataSource),
    sessions: new CounselingSessionStore(dataSource),
    programs: new FamilyProgramStore(dataSource),
    metrics: new FamilyMetricStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
