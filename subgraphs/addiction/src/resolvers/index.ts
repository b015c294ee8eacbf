import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import { Agreement } from './Agreement';
import { PreventionProgram } from './PreventionProgram';
import { PreventionTarget } from './PreventionTarget';
import { ProgramSession } from './ProgramSession';
import { Query } from './Query';
import { TreatmentReferral } from './TreatmentReferral';

export const resolvers = {
  Date: DateScalar,
  Query,
  PreventionProgram,
  ProgramSession,
  TreatmentReferral,
  Agreement,
  PreventionTarget,
} as unknown as GraphQLResolverMap<AddictionContext>;
