import type { DataSource } from 'typeorm';
import { MeasureStore } from '@safety-graph/shared';
import { CounselingCaseStore } from './CounselingCaseStore';
import { CounselingSessionStore } from './CounselingSessionStore';
import { CounselingUnitStore } from './CounselingUnitStore';
import { FamilyProgramStore } from './FamilyProgramStore';

export { CounselingCaseStore, CounselingSessionStore, CounselingUnitStore, FamilyProgramStore };
export { FAMILY_MEASURES } from './measures';

export function createStores(dataSource: DataSource) {
  return {
    units: new CounselingUnitStore(dataSource),
    cases: new CounselingCaseStore(dataSource),
    sessions: new CounselingSessionStore(dataSource),
    programs: new FamilyProgramStore(dataSource),
    measures: new MeasureStore(dataSource),
  };
}
export type Stores = ReturnType<typeof createStores>;
