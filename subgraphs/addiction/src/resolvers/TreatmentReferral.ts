import type { AddictionContext } from '../context';
import type { TreatmentReferral as ReferralRow } from '../entities';
import { agencyReference, regionReference } from './references';
import type { TreatmentReferralResolvers } from '../generated/resolvers';

export const TreatmentReferral: TreatmentReferralResolvers = {
  /** Null unless the caller's agency referred or received the person: the same rule as `Query.treatmentReferrals`. */
  __resolveReference: (reference: { id: string }, { loaders }: AddictionContext) => loaders.referralById.load(reference.id),
  region: (referral: ReferralRow) => regionReference(referral.regionId),
  fromAgency: (referral: ReferralRow) => agencyReference(referral.fromAgencyId),
  toAgency: (referral: ReferralRow) => agencyReference(referral.toAgencyId),
};
