import type { MutationResolvers } from '../generated/resolvers';
import { createPreventionProgram } from '../writes/PreventionProgram';
import { recordProgramSession } from '../writes/ProgramSession';
import { referToTreatment, updateReferralStatus } from '../writes/Referral';

export const Mutation: MutationResolvers = {
  createPreventionProgram: (_, { input }, context) => createPreventionProgram(context, input),
  recordProgramSession: (_, { input }, context) => recordProgramSession(context, input),
  referToTreatment: (_, { input }, context) => referToTreatment(context, input),
  updateReferralStatus: (_, { input }, context) => updateReferralStatus(context, input),
};
