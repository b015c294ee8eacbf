import { IdempotencyKey, RegionScope } from '@safety-graph/shared';
import { PreventionProgram } from './PreventionProgram';
import { ProgramSession } from './ProgramSession';
import { TreatmentReferral } from './TreatmentReferral';

export { PreventionProgram, ProgramSession, TreatmentReferral };
export const entities = [RegionScope, IdempotencyKey, PreventionProgram, ProgramSession, TreatmentReferral];
