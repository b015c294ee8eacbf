import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar } from '@safety-graph/shared';
import type { DivorceContext } from '../context';
import { Agency } from './Agency';
import { CounselingCase } from './CounselingCase';
import { CounselingUnit } from './CounselingUnit';
import { FamilyProgram } from './FamilyProgram';
import { FamilyTarget } from './FamilyTarget';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';

export const resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Agency,
  CounselingUnit,
  CounselingCase,
  FamilyProgram,
  FamilyTarget,
  Region,
} as unknown as GraphQLResolverMap<DivorceContext>;
