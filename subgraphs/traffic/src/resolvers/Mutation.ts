import type { MutationResolvers } from '../generated/resolvers';
import { amendCrash, reportCrash } from '../writes/Crash';
import { recordViolation } from '../writes/Violation';

/** Each needs traffic:write (the module's access policy); the caller's agency is recorded as reporter or recorder. */
export const Mutation: MutationResolvers = {
  reportCrash: (_, { input }, context) => reportCrash(context, input),
  recordViolation: (_, { input }, context) => recordViolation(context, input),
  amendCrash: (_, { input }, context) => amendCrash(context, input),
};
