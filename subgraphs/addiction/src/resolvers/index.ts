import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import { Agreement } from './Agreement';
import { Mutation } from './Mutation';
import { PreventionProgram } from './PreventionProgram';
import { PreventionTarget } from './PreventionTarget';
import { ProgramSession } from './ProgramSession';
import { Query } from './Query';
import { Region } from './Region';
import { TreatmentReferral } from './TreatmentReferral';

export const resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  PreventionProgram,
  ProgramSession,
  TreatmentReferral,
  Agreement,
  PreventionTarget,
  Region,
} as unknown as GraphQLResolverMap<AddictionContext>;
