import type { AgreementsContext } from '../context';
import type { AgreementPartyResolvers } from '../generated/resolvers';
import type { AgreementParty as PartyRow } from '../entities';

export const AgreementParty: AgreementPartyResolvers = {
  agency: (party: PartyRow) => ({ __typename: 'Agency', id: party.agencyId }),
  commitments: async (party: PartyRow, _: unknown, { loaders }: AgreementsContext) =>
    (await loaders.commitmentsByAgreementId.load(party.agreementId)).filter((commitment) => commitment.partyId === party.id),
};
