/**
 * A party's consent to an MOU. The lead accepts by drafting it; an agency the
 * lead adds is PENDING, bound by nothing, until it accepts (acceptAgreement).
 * There is no DECLINED: an agency that does not want the MOU does not accept
 * it, and a draft cannot be activated without it.
 */
export const PARTY_STATUSES = ['PENDING', 'ACCEPTED'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

/** Now, to the second: MySQL's DATETIME keeps no fraction, and what is answered must read back the same. */
export const acceptanceTime = (): Date => new Date(Math.floor(Date.now() / 1000) * 1000);
