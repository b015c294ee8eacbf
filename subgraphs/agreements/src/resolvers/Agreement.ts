import type { AgreementsContext } from '../context';
import type { AgreementResolvers } from '../generated/resolvers';
import { domainOrder } from '../domains';
import type { Agreement as AgreementRow } from '../entities';
import { effectiveStatus } from '../status';

export const Agreement: AgreementResolvers = {
  __resolveReference: (reference: { id?: string; code?: string }, { loaders }: AgreementsContext) =>
    reference.id ? loaders.agreementById.load(reference.id) : loaders.agreementByCode.load(reference.code!),
  status: (agreement: AgreementRow) => effectiveStatus(agreement.status, agreement.endsOn),
  domains: async (agreement: AgreementRow, _: unknown, { loaders }: AgreementsContext) =>
    (await loaders.domainsByAgreementId.load(agreement.id)).map((row) => row.domain).sort(domainOrder),
  leadAgency: (agreement: AgreementRow) => ({ __typename: 'Agency', id: agreement.leadAgencyId }),
  region: (agreement: AgreementRow) => ({ __typename: 'Region', id: agreement.regionId }),
  parties: (agreement: AgreementRow, _: unknown, { loaders }: AgreementsContext) => loaders.partiesByAgreementId.load(agreement.id),
  targets: (agreement: AgreementRow, _: unknown, { loaders }: AgreementsContext) => loaders.targetsByAgreementId.load(agreement.id),
};
