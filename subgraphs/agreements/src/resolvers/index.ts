import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, DateTimeScalar } from '@safety-graph/shared';
import type { AgreementsContext } from '../context';
import { Agency } from './Agency';
import { Agreement } from './Agreement';
import { AgreementParty } from './AgreementParty';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';
import { FamilyTarget, PreventionTarget, Target, TrafficTarget } from './Target';

export const resolvers = {
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
} as unknown as GraphQLResolverMap<AgreementsContext>;
