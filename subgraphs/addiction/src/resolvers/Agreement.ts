import type { AddictionContext } from '../context';

export const Agreement = {
  __resolveReference: (reference: { id: string }) => reference,
  preventionPrograms: (agreement: { id: string }, _: unknown, { loaders }: AddictionContext) =>
    loaders.programsByAgreementId.load(agreement.id),
};
