import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateScalar, DateTimeScalar } from '@safety-graph/shared';
import type { TrafficContext } from '../context';
import { Agreement } from './Agreement';
import { Crash } from './Crash';
import { CrashRevision } from './CrashRevision';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';
import { TrafficCampaign } from './TrafficCampaign';
import { TrafficTarget } from './TrafficTarget';
import { Violation } from './Violation';

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Crash,
  CrashRevision,
  Violation,
  TrafficCampaign,
  Agreement,
  TrafficTarget,
  Region,
} as unknown as GraphQLResolverMap<TrafficContext>;
