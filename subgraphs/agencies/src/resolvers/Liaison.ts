import { agencyId, forbidden, hasScope } from '@safety-graph/shared';
import type { AgenciesContext } from '../context';
import type { Liaison as LiaisonRow } from '../entities';
import type { LiaisonResolvers } from '../generated/resolvers';

/** Contact details are for the liaison's own agency or for those who administer agencies (`agencies:write`). */
function contactDetail(field: 'email' | 'phone') {
  return (liaison: LiaisonRow, _: unknown, { caller }: AgenciesContext) => {
    if (hasScope(caller, 'agencies:write') || (caller && agencyId(caller.agencyCode) === liaison.agencyId)) return liaison[field];
    throw forbidden(`A liaison's ${field} is visible to their own agency or with agencies:write`);
  };
}

export const Liaison: LiaisonResolvers = {
  email: contactDetail('email'),
  phone: contactDetail('phone'),
};
