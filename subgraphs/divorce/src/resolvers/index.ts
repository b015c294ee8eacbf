import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar } from '@safety-graph/shared';
import type { DivorceContext } from '../context';
import { Agency } from './Agency';
import { CounselingCase } from './CounselingCase';
import { CounselingUnit } from './CounselingUnit';
import { FamilyProgram } from './FamilyProgram';
import { FamilyTarget } from './FamilyTarget';
import { Query } from './Query';

export const resolvers = {
  Date: DateScalar,
  Query,
  Agency,
  CounselingUnit,
  CounselingCase,
  FamilyProgram,
  FamilyTarget,
} as unknown as GraphQLResolverMap<DivorceContext>;
