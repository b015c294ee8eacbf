import { DateScalar } from '@safety-graph/shared';
import type { Resolvers } from '../generated/resolvers';
import { Agency } from './Agency';
import { CounselingCase } from './CounselingCase';
import { CounselingUnit } from './CounselingUnit';
import { FamilyProgram } from './FamilyProgram';
import { FamilyTarget } from './FamilyTarget';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Agency,
  CounselingUnit,
  CounselingCase,
  FamilyProgram,
  FamilyTarget,
  Region,
};
