import { IdempotencyKey, RegionScope } from '@safety-graph/shared';
import { CounselingCase } from './CounselingCase';
import { CounselingSession } from './CounselingSession';
import { CounselingUnit } from './CounselingUnit';
import { FamilyProgram } from './FamilyProgram';

export { CounselingCase, CounselingSession, CounselingUnit, FamilyProgram };
export const entities = [RegionScope, IdempotencyKey, CounselingUnit, CounselingCase, CounselingSession, FamilyProgram];
