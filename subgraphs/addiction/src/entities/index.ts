import { RegionScope } from '@safety-graph/shared';
import { PreventionProgram } from './PreventionProgram';
import { ProgramSession } from './ProgramSession';
import { TreatmentReferral } from './TreatmentReferral';

export { PreventionProgram, ProgramSession, TreatmentReferral };
export const entities = [RegionScope, PreventionProgram, ProgramSession, TreatmentReferral];
