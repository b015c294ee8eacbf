import type { AddictionContext } from '../context';
import type { AgreementResolvers } from '../generated/resolvers';

export const Agreement: AgreementResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  preventionPrograms: (agreement: { id: string }, _: unknown, { loaders }: AddictionContext) => loaders.programsByAgreementId.load(agreement.id),
};
