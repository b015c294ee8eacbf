import type { MutationResolvers } from '../generated/resolvers';
import {
  acceptAgreement,
  activateAgreement,
  addCommitment,
  addParty,
  draftAgreement,
  setTarget,
  suspendAgreement,
  terminateAgreement,
} from '../writes/Agreement';

export const Mutation: MutationResolvers = {
  draftAgreement: (_, { input }, context) => draftAgreement(context, input),
  addParty: (_, { input }, context) => addParty(context, input),
  addCommitment: (_, { input }, context) => addCommitment(context, input),
  setTarget: (_, { input }, context) => setTarget(context, input),
  acceptAgreement: (_, { id }, context) => acceptAgreement(context, id),
  activateAgreement: (_, { id }, context) => activateAgreement(context, id),
  suspendAgreement: (_, { id }, context) => suspendAgreement(context, id),
  terminateAgreement: (_, { id }, context) => terminateAgreement(context, id),
};
