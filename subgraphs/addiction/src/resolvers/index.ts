import { DateScalar } from '@safety-graph/shared';
import type { Resolvers } from '../generated/resolvers';
import { Agreement } from './Agreement';
import { Mutation } from './Mutation';
import { PreventionProgram } from './PreventionProgram';
import { PreventionTarget } from './PreventionTarget';
import { ProgramSession } from './ProgramSession';
import { Query } from './Query';
import { Region } from './Region';
import { TreatmentReferral } from './TreatmentReferral';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  PreventionProgram,
  ProgramSession,
  TreatmentReferral,
  Agreement,
  PreventionTarget,
  Region,
};
