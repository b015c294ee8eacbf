import { DateScalar, DateTimeScalar } from '@safety-graph/shared';
import type { Resolvers } from '../generated/resolvers';
import { Agency } from './Agency';
import { Agreement } from './Agreement';
import { AgreementParty } from './AgreementParty';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';
import { FamilyTarget, PreventionTarget, Target, TrafficTarget } from './Target';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Agreement,
  AgreementParty,
  Target,
  TrafficTarget,
  PreventionTarget,
  FamilyTarget,
  Agency,
  Region,
};
