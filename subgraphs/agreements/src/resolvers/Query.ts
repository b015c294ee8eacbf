import { exactlyOne, pageRequest, toConnection, type PageArgs } from '@safety-graph/shared';
import type { AgreementsContext } from '../context';
import type { QueryResolvers } from '../generated/resolvers';
import type { AgreementFilter } from '../store/AgreementStore';

interface Lookup {
  id?: string | null;
  code?: string | null;
}

export const Query: QueryResolvers = {
  agreement: (_: unknown, args: Lookup, { loaders }: AgreementsContext) =>
    exactlyOne(args, ['id', 'code']) === 'id' ? loaders.agreementById.load(args.id!) : loaders.agreementByCode.load(args.code!),

  agreements: async (_: unknown, args: AgreementFilter & PageArgs, { stores }: AgreementsContext) => {
    const page = pageRequest(args);
    const filter: AgreementFilter = { status: args.status, domain: args.domain, partyAgencyId: args.partyAgencyId };
    const rows = await stores.agreements.page(filter, page);
    return toConnection(
      rows,
      page,
      (agreement) => agreement.code,
      () => stores.agreements.count(filter),
    );
  },
};
