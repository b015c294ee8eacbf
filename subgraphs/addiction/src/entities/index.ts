import { IdempotencyKey, RegionScope, StatRollup, StatVersion } from '@safety-graph/shared';
import { PreventionProgram } from './PreventionProgram';
import { ProgramSession } from './ProgramSession';
import { TreatmentReferral } from './TreatmentReferral';

export { PreventionProgram, ProgramSession, TreatmentReferral };
export const entities = [RegionScope, IdempotencyKey, StatRollup, StatVersion, PreventionProgram, ProgramSession, TreatmentReferral];
