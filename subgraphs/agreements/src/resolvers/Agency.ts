import type { AgreementsContext } from '../context';
import type { AgencyResolvers } from '../generated/resolvers';
import { parentWithStatus } from '../loaders';
import type { AgreementStatus } from '../status';

/** Agencies are owned by the agencies subgraph; this one adds the MOUs they take part in. */
export const Agency: AgencyResolvers = {
  __resolveReference: (reference: { id: string }) => reference,
  agreements: async (agency: { id: string }, args: { status?: AgreementStatus | null }, { loaders }: AgreementsContext) =>
    (await loaders.agreementsByAgency.load(parentWithStatus(agency.id, args.status))).map((found) => found.agreement),
};
