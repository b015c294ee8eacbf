import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badUserInput, conflict, createOnce, failpoint, forbidden, loadExisting, requireAgency, requireCounty, requirePastDate } from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { TreatmentReferral } from '../entities';
import { writerOf } from './ProgramSession';

export interface ReferToTreatmentInput {
  subjectNationalId: string;
  referredOn: string;
  regionId: string;
  toAgencyId: string;
  idempotencyKey?: string | null;
}

export interface UpdateReferralStatusInput {
  referralId: string;
  status: string;
  on: string;
}

/** The steps a referral may take; anything else is a CONFLICT naming where it stands. */
const NEXT_STATUSES: Record<string, readonly string[]> = {
  REFERRED: ['ADMITTED', 'DROPPED_OUT'],
  ADMITTED: ['COMPLETED', 'DROPPED_OUT'],
  COMPLETED: [],
  DROPPED_OUT: [],
};

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

/** referToTreatment: the referral written once per idempotency key; a retry answers the first one. */
export async function referToTreatment(context: AddictionContext, input: ReferToTreatmentInput): Promise<TreatmentReferral> {
  const writer = writerOf(context);
  const checked = checkedNewReferral(context, input);
  const fields = { subjectPseudonym: checked.subjectPseudonym, referredOn: checked.referredOn, regionId: checked.regionId, toAgencyId: checked.toAgencyId };
  const referral: TreatmentReferral = { id: randomUUID(), ...checked };
  const id = await createOnce(
    context.store,
    { agencyCode: writer.agencyCode, operation: 'referToTreatment', key: input.idempotencyKey, input: fields },
    async (manager) => {
      await context.stores.referrals.insert(manager, referral);
      failpoint('addiction.referToTreatment.after-first-insert');
      return referral.id;
    },
  );

  const { loaders } = context;
  loaders.forgetFigures();
  if (id !== referral.id) return loadExisting(loaders.referralById, id, 'TreatmentReferral');
  loaders.referralById.clear(id).prime(id, referral);
  return referral;
}

/** updateReferralStatus: the receiving agency moves a referral one step along NEXT_STATUSES. */
export async function updateReferralStatus(context: AddictionContext, input: UpdateReferralStatusInput): Promise<TreatmentReferral> {
  const writer = writerOf(context);
  const updated = await context.store.transaction(async (manager) => {
    const referral = await context.stores.referrals.findVisibleById(manager, input.referralId, writer.agencyId);
    // A referral the caller is not party to is reported as absent: FORBIDDEN would tell it exists.
    if (!referral) throw badUserInput('input.referralId', 'no such referral');
    if (referral.toAgencyId !== writer.agencyId) throw forbidden('Only the receiving agency updates a referral’s status');
    const on = requirePastDate('input.on', input.on);
    if (on < referral.referredOn) throw badUserInput('input.on', `must not be before the referral (${referral.referredOn})`);
    if (!(NEXT_STATUSES[referral.status] ?? []).includes(input.status)) {
      throw conflict(`the referral is ${referral.status}; it cannot become ${input.status}`);
    }
    if (referral.admittedOn && on < referral.admittedOn) throw badUserInput('input.on', `must not be before the admission (${referral.admittedOn})`);
    const change = input.status === 'ADMITTED' ? { status: input.status, admittedOn: on } : { status: input.status };
    if (!(await context.stores.referrals.changeStatus(manager, referral.id, referral.status, change))) {
      throw conflict(`the referral was ${referral.status} but another update came first; read it again`);
    }
    return { ...referral, ...change };
  });

  const { loaders } = context;
  loaders.referralById.clear(updated.id).prime(updated.id, updated);
  loaders.forgetFigures();
  return updated;
}
