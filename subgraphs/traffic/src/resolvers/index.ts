import { DateScalar, DateTimeScalar } from '@safety-graph/shared';
import type { Resolvers } from '../generated/resolvers';
import { Agreement } from './Agreement';
import { Crash } from './Crash';
import { CrashRevision } from './CrashRevision';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';
import { TrafficCampaign } from './TrafficCampaign';
import { TrafficTarget } from './TrafficTarget';
import { Violation } from './Violation';

export const resolvers: Resolvers = {
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
};
