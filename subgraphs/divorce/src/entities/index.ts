import { IdempotencyKey, RegionScope, StatRollup, StatVersion } from '@safety-graph/shared';
import { CounselingCase } from './CounselingCase';
import { CounselingSession } from './CounselingSession';
import { CounselingUnit } from './CounselingUnit';
import { FamilyProgram } from './FamilyProgram';

export { CounselingCase, CounselingSession, CounselingUnit, FamilyProgram };
export const entities = [RegionScope, IdempotencyKey, StatRollup, StatVersion, CounselingUnit, CounselingCase, CounselingSession, FamilyProgram];
