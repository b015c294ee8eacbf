import { randomUUID } from 'node:crypto';
import { badUserInput, conflict, createOnce, forbidden, referenceAgencies } from '@safety-graph/shared';
import type { AgreementsContext } from '../context';
import type { MutationResolvers } from '../generated/resolvers';
import type { Agreement, Target } from '../entities';
import {
  validateCommitment,
  validateDraft,
  validateParty,
  validateTarget,
  type AddCommitmentInput,
  type AddPartyInput,
  type DraftAgreementInput,
  type SetTargetInput,
} from '../inputs';
import { missingForActivation, nextStatus, requireShownStatus, type LifecycleStep } from '../lifecycle';
import { primeAgreement } from '../loaders';
import { acceptanceTime } from '../partyStatus';
import { todayIso } from '../status';
import { readWholeAgreement, type WholeAgreement } from '../store';
import {
  agreementForWrite,
  insertDraft,
  insertParty,
  insertTarget,
  OPEN_STATUSES,
  requireLead,
  shownStatus,
  unlessTaken,
  writerOf,
} from '../writes/Agreement';

/** An agency's code for a message; parties are reference agencies, the id stands in for one that is not. */
const agencyCodeOf = (id: string): string => referenceAgencies().find((agency) => agency.id === id)?.code ?? id;

/** The MOU as the write left it, read on the primary, with the request's loaders primed from it. */
async function written(context: AgreementsContext, agreementId: string): Promise<WholeAgreement> {
  const whole = await context.store.transaction((manager) => readWholeAgreement(context.stores, manager, agreementId));
  if (!whole) throw new Error(`agreement ${agreementId} is missing right after a write to it`);
  primeAgreement(context.loaders, whole);
  return whole;
}

/** One lifecycle step: only the lead agency may take it, from the statuses ../lifecycle.ts allows. */
function lifecycleStep(step: LifecycleStep) {
  return async (_: unknown, { id }: { id: string }, context: AgreementsContext): Promise<Agreement> => {
    const writer = writerOf(context);
    const { stores } = context;
    await context.store.transaction(async (manager) => {
      const agreement = await agreementForWrite(context, manager, id, 'id');
      requireLead(agreement, writer, 'change its status');
      const shown = shownStatus(agreement);
      const status = nextStatus(step, agreement.code, shown);
      if (shown === 'DRAFT') {
        const parties = await stores.parties.findByAgreementIds([agreement.id], manager);
        const missing = missingForActivation({
          leadAgencyId: agreement.leadAgencyId,
          partyAgencyIds: parties.map((party) => party.agencyId),
          pendingPartyCodes: parties.filter((party) => party.status !== 'ACCEPTED').map((party) => agencyCodeOf(party.agencyId)),
          signedOn: agreement.signedOn,
          startsOn: agreement.startsOn,
          endsOn: agreement.endsOn,
          today: todayIso(),
        });
        if (missing.length > 0) throw conflict(`MOU ${agreement.code} cannot be activated yet; it needs ${missing.join(', ')}`);
      }
      if (!(await stores.agreements.changeStatus(manager, agreement.id, agreement.status, status))) {
        throw conflict(`MOU ${agreement.code} was changed by another request meanwhile; read it again`);
      }
    });
    return (await written(context, id)).agreement;
  };
}

export const Mutation: MutationResolvers = {
  draftAgreement: async (_: unknown, { input }: { input: DraftAgreementInput }, context: AgreementsContext): Promise<Agreement> => {
    const writer = writerOf(context);
    const fields = validateDraft(input);
    const taken = () => conflict(`An MOU with code ${fields.code} already exists`);
    const id = await unlessTaken(taken, () =>
      createOnce(
        context.store,
        { agencyCode: writer.agencyCode, operation: 'draftAgreement', key: input.idempotencyKey, input: fields },
        async (manager) => {
          const agreementId = randomUUID();
          await insertDraft(context, manager, agreementId, fields, writer);
          return agreementId;
        },
      ),
    );
    return (await written(context, id)).agreement;
  },

  addParty: async (_: unknown, { input }: { input: AddPartyInput }, context: AgreementsContext): Promise<Agreement> => {
    const writer = writerOf(context);
    const party = validateParty(input);
    const already = () => conflict(`${party.agency.code} is already a party to this MOU`);
    await unlessTaken(already, () =>
      context.store.transaction((manager) => insertParty(context, manager, input.agreementId, 'input.agreementId', party, writer)),
    );
    return (await written(context, input.agreementId)).agreement;
  },

  addCommitment: async (_: unknown, { input }: { input: AddCommitmentInput }, context: AgreementsContext): Promise<Agreement> => {
    const writer = writerOf(context);
    const { stores } = context;
    const fields = validateCommitment(input);
    await createOnce(
      context.store,
      { agencyCode: writer.agencyCode, operation: 'addCommitment', key: input.idempotencyKey, input: fields },
      async (manager) => {
        const agreement = await agreementForWrite(context, manager, fields.agreementId, 'input.agreementId');
        if (writer.agencyId !== agreement.leadAgencyId && writer.agencyId !== fields.agencyId) {
          throw forbidden(`Only the lead agency of MOU ${agreement.code} or the party itself may add a party's commitments`);
        }
        requireShownStatus('addCommitment', agreement.code, shownStatus(agreement), OPEN_STATUSES);
        const party = (await stores.parties.findByAgreementIds([agreement.id], manager)).find((candidate) => candidate.agencyId === fields.agencyId);
        if (!party) throw badUserInput('input.agencyId', `is not a party to MOU ${agreement.code}`);
        if (fields.dueOn !== null && (fields.dueOn < agreement.startsOn || fields.dueOn > agreement.endsOn)) {
          throw badUserInput('input.dueOn', `must fall within the MOU's period, ${agreement.startsOn} to ${agreement.endsOn}`);
        }
        const commitment = {
          id: randomUUID(),
          partyId: party.id,
          agreementId: agreement.id,
          description: fields.description,
          descriptionFa: fields.descriptionFa,
          dueOn: fields.dueOn,
          position: await stores.parties.nextCommitmentPosition(manager, party.id),
        };
        await stores.parties.insertCommitment(manager, commitment);
        return commitment.id;
      },
    );
    return (await written(context, fields.agreementId)).agreement;
  },

  setTarget: async (_: unknown, { input }: { input: SetTargetInput }, context: AgreementsContext): Promise<Target> => {
    const writer = writerOf(context);
    const checked = validateTarget(input);
    const { fields } = checked;
    const targetId = await createOnce(
      context.store,
      { agencyCode: writer.agencyCode, operation: 'setTarget', key: input.idempotencyKey, input: fields },
      async (manager) => {
        const id = randomUUID();
        await insertTarget(context, manager, id, checked, writer);
        return id;
      },
    );
    const target = (await written(context, fields.agreementId)).targets.find((candidate) => candidate.id === targetId);
    if (!target) throw new Error(`target ${targetId} is not among the targets of agreement ${fields.agreementId}`);
    return target;
  },

  /**
   * The caller's agency accepts an MOU it is party to. Accepting again changes
   * nothing and answers the MOU as it is, even once it is over; a party still
   * pending cannot join a TERMINATED or EXPIRED MOU.
   */
  acceptAgreement: async (_: unknown, { id }: { id: string }, context: AgreementsContext): Promise<Agreement> => {
    const writer = writerOf(context);
    const { stores } = context;
    await context.store.transaction(async (manager) => {
      const agreement = await agreementForWrite(context, manager, id, 'id');
      const party = (await stores.parties.findByAgreementIds([agreement.id], manager)).find((candidate) => candidate.agencyId === writer.agencyId);
      if (!party) throw forbidden(`Only the parties of MOU ${agreement.code} may accept it`);
      if (party.status === 'ACCEPTED') return;
      requireShownStatus('acceptAgreement', agreement.code, shownStatus(agreement), OPEN_STATUSES);
      await stores.parties.accept(manager, party.id, acceptanceTime());
    });
    return (await written(context, id)).agreement;
  },

  activateAgreement: lifecycleStep('activateAgreement'),
  suspendAgreement: lifecycleStep('suspendAgreement'),
  terminateAgreement: lifecycleStep('terminateAgreement'),
};
