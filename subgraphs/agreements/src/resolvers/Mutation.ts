import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badUserInput, conflict, createOnce, failpoint, forbidden, isDuplicateKeyError, referenceAgencies, unauthenticated } from '@safety-graph/shared';
import type { AgreementsContext } from '../context';
import type { MutationResolvers } from '../generated/resolvers';
import type { Agreement, Target } from '../entities';
import {
  isWithinRegion,
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
import { effectiveStatus, todayIso, type AgreementStatus } from '../status';
import { readWholeAgreement, type WholeAgreement } from '../store';
import { TARGET_KIND_OF_DOMAIN } from '../targetKind';

/** Parties and commitments may be added until the MOU is over. */
const OPEN_STATUSES: readonly AgreementStatus[] = ['DRAFT', 'ACTIVE', 'SUSPENDED'];
/** Targets are set while the MOU is being drafted or runs; a suspended one waits to be resumed. */
const TARGET_STATUSES: readonly AgreementStatus[] = ['DRAFT', 'ACTIVE'];

interface Writer {
  agencyCode: string;
  agencyId: string;
}

/** The agency every write is recorded against. The guard has already refused a request without a caller. */
function writerOf(context: AgreementsContext): Writer {
  if (!context.caller || !context.callerAgencyId) throw unauthenticated();
  return { agencyCode: context.caller.agencyCode, agencyId: context.callerAgencyId };
}

/** The MOU a write is about, locked for the transaction; MOUs are public, so an unknown one is simply a bad argument. */
async function agreementForWrite(context: AgreementsContext, manager: EntityManager, id: string, argument: string): Promise<Agreement> {
  const agreement = await context.stores.agreements.findForWrite(manager, id);
  if (!agreement) throw badUserInput(argument, 'is not a known agreement');
  return agreement;
}

function requireLead(agreement: Agreement, writer: Writer, doing: string): void {
  if (agreement.leadAgencyId !== writer.agencyId) throw forbidden(`Only the lead agency of MOU ${agreement.code} may ${doing}`);
}

const shownStatus = (agreement: Agreement): AgreementStatus => effectiveStatus(agreement.status, agreement.endsOn);

/** An agency's code for a message; parties are reference agencies, the id stands in for one that is not. */
const agencyCodeOf = (id: string): string => referenceAgencies().find((agency) => agency.id === id)?.code ?? id;

/**
 * Runs a write whose uniqueness was checked inside it; a concurrent request
 * that took the same code or party between the check and the insert surfaces
 * as the same CONFLICT, not as a driver error.
 */
async function unlessTaken<T>(taken: () => Error, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw taken();
    throw error;
  }
}

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
    const { stores } = context;
    const fields = validateDraft(input);
    const { domains, ...columns } = fields;
    const agreement: Agreement = { id: randomUUID(), ...columns, status: 'DRAFT', leadAgencyId: writer.agencyId };
    const taken = () => conflict(`An MOU with code ${fields.code} already exists`);
    const id = await unlessTaken(taken, () =>
      createOnce(
        context.store,
        { agencyCode: writer.agencyCode, operation: 'draftAgreement', key: input.idempotencyKey, input: fields },
        async (manager) => {
          if (await stores.agreements.codeTaken(manager, fields.code)) throw taken();
          await stores.agreements.insert(manager, agreement);
          failpoint('agreements.draftAgreement.after-first-insert');
          await stores.domains.insert(manager, domains.map((domain) => ({ agreementId: agreement.id, domain })));
          await stores.parties.insert(manager, {
            id: randomUUID(),
            agreementId: agreement.id,
            agencyId: writer.agencyId,
            role: 'LEAD',
            position: 0,
            // The lead agrees to what it drafts.
            status: 'ACCEPTED',
            acceptedAt: acceptanceTime(),
          });
          return agreement.id;
        },
      ),
    );
    return (await written(context, id)).agreement;
  },

  addParty: async (_: unknown, { input }: { input: AddPartyInput }, context: AgreementsContext): Promise<Agreement> => {
    const writer = writerOf(context);
    const { stores } = context;
    const { agency, role } = validateParty(input);
    const already = () => conflict(`${agency.code} is already a party to this MOU`);
    await unlessTaken(already, () =>
      context.store.transaction(async (manager) => {
        const agreement = await agreementForWrite(context, manager, input.agreementId, 'input.agreementId');
        requireLead(agreement, writer, 'add parties');
        requireShownStatus('addParty', agreement.code, shownStatus(agreement), OPEN_STATUSES);
        const parties = await stores.parties.findByAgreementIds([agreement.id], manager);
        if (agency.id === agreement.leadAgencyId || parties.some((party) => party.agencyId === agency.id)) throw already();
        const position = Math.max(-1, ...parties.map((party) => party.position)) + 1;
        await stores.parties.insert(manager, {
          id: randomUUID(),
          agreementId: agreement.id,
          agencyId: agency.id,
          role,
          position,
          status: 'PENDING',
          acceptedAt: null,
        });
      }),
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
    const { stores } = context;
    const { fields, definition } = validateTarget(input);
    const targetId = await createOnce(
      context.store,
      { agencyCode: writer.agencyCode, operation: 'setTarget', key: input.idempotencyKey, input: fields },
      async (manager) => {
        const agreement = await agreementForWrite(context, manager, fields.agreementId, 'input.agreementId');
        requireLead(agreement, writer, 'set targets');
        requireShownStatus('setTarget', agreement.code, shownStatus(agreement), TARGET_STATUSES);
        const domains = await stores.domains.findByAgreementIds([agreement.id], manager);
        if (!domains.some((covered) => covered.domain === definition.domain)) {
          throw badUserInput('input.metric', `measures ${definition.domain}, which MOU ${agreement.code} does not cover`);
        }
        if (!isWithinRegion(fields.regionId, agreement.regionId)) {
          throw badUserInput('input.regionId', `must be the region of MOU ${agreement.code} or a region within it`);
        }
        const target: Target = {
          id: randomUUID(),
          agreementId: agreement.id,
          kind: TARGET_KIND_OF_DOMAIN[definition.domain],
          metric: definition.code,
          regionId: fields.regionId,
          periodFrom: fields.from,
          periodTo: fields.to,
          baseline: fields.baseline,
          target: fields.target,
          direction: definition.direction,
        };
        await stores.targets.insert(manager, target);
        return target.id;
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
