import type { EntityManager } from 'typeorm';
import { badUserInput, conflict, requireAgency, requireCounty, requirePastDate } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { TreatmentReferral } from '../entities';
import { writerOf } from '../programSessionWrites';

export interface ReferToTreatmentInput {
  subjectNationalId: string;
  referredOn: string;
  regionId: string;
  toAgencyId: string;
  idempotencyKey?: string | null;
}

/** Treatment is given by health networks and welfare offices; nobody else may be referred to. */
const TREATING_AGENCY_KINDS = new Set(['HEALTH', 'WELFARE']);

/**
 * Everything referToTreatment checks before it writes (the mutation and the
 * referrals importer alike): the referral it would write, all but its id. The
 * national id goes no further than this function: only its keyed pseudonym is
 * kept, hashed or compared.
 */
export function checkedNewReferral(context: AddictionContext, input: Omit<ReferToTreatmentInput, 'idempotencyKey'>): Omit<TreatmentReferral, 'id'> {
  const writer = writerOf(context);
  const subjectPseudonym = context.pseudonymize(input.subjectNationalId, 'input.subjectNationalId');
  const referredOn = requirePastDate('input.referredOn', input.referredOn);
  const regionId = requireCounty('input.regionId', input.regionId);
  const toAgency = requireAgency('input.toAgencyId', input.toAgencyId);
  if (!TREATING_AGENCY_KINDS.has(toAgency.kind)) throw badUserInput('input.toAgencyId', 'must be a health or welfare agency');
  if (toAgency.id === writer.agencyId) throw badUserInput('input.toAgencyId', 'must be another agency than the referring one');
  return { subjectPseudonym, referredOn, regionId, toAgencyId: toAgency.id, fromAgencyId: writer.agencyId, status: 'REFERRED', admittedOn: null };
}

/**
 * A referral the agency made, corrected to a checked one (an import of a
 * corrected export): false, nothing written, when nothing differs. Only while
 * it is REFERRED: once the receiving agency has admitted the person, what it
 * acted on stays as it was (CONFLICT naming the status).
 */
export async function correctReferral(context: AddictionContext, manager: EntityManager, id: string, checked: Omit<TreatmentReferral, 'id'>): Promise<boolean> {
  const current = await context.stores.referrals.findVisibleById(manager, id, checked.fromAgencyId);
  if (!current || current.fromAgencyId !== checked.fromAgencyId) throw badUserInput('input.referralId', 'no such referral');
  const fields = ['subjectPseudonym', 'referredOn', 'regionId', 'toAgencyId'] as const;
  if (fields.every((field) => current[field] === checked[field])) return false;
  if (current.status !== 'REFERRED') throw conflict(`the referral is ${current.status}; only a referral still REFERRED is corrected`);
  await context.stores.referrals.correct(manager, current, {
    subjectPseudonym: checked.subjectPseudonym,
    referredOn: checked.referredOn,
    regionId: checked.regionId,
    toAgencyId: checked.toAgencyId,
  });
  return true;
}
