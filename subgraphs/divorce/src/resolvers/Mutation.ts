import type { MutationResolvers } from '../generated/resolvers';
import { closeCounselingCase, openCounselingCase, recordCounselingSession } from '../writes/CounselingCase';

export const Mutation: MutationResolvers = {
  openCounselingCase: (_, { input }, context) => openCounselingCase(context, input),
  recordCounselingSession: (_, { input }, context) => recordCounselingSession(context, input),
  closeCounselingCase: (_, { input }, context) => closeCounselingCase(context, input),
};
