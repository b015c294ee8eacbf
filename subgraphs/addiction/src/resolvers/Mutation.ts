import { randomUUID } from 'node:crypto';
import {
  isDuplicateKeyError,
  loadExisting,
  badUserInput,
  conflict,
  createOnce,
  failpoint,
  forbidden,
  requirePastDate,
} from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import { insertProgramSession, writerOf, type RecordProgramSessionInput } from '../programSessionWrites';
import type { PreventionProgram, ProgramSession, TreatmentReferral } from '../entities';
import type { MutationResolvers } from '../generated/resolvers';
import { checkedNewProgram, insertProgram, type CreatePreventionProgramInput } from '../writes/PreventionProgram';
import { checkedNewReferral, type ReferToTreatmentInput } from '../writes/Referral';

interface UpdateReferralStatusInput {
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

export const Mutation: MutationResolvers = {
  createPreventionProgram: async (_: unknown, { input }: { input: CreatePreventionProgramInput }, context: AddictionContext) => {
    const writer = writerOf(context);
    const { leadAgencyId, ...fields } = checkedNewProgram(context, input);
    const { code, agreementId } = fields;
    const program: PreventionProgram = { id: randomUUID(), ...fields, leadAgencyId };
    const takenMessage = `a programme with code ${code} already exists`;
    let id: string;
    try {
      id = await createOnce(
        context.store,
        { agencyCode: writer.agencyCode, operation: 'createPreventionProgram', key: input.idempotencyKey, input: fields },
        async (manager) => {
          await insertProgram(context, manager, program);
          failpoint('addiction.createPreventionProgram.after-first-insert');
          return program.id;
        },
      );
    } catch (error) {
      // Another request took the code between our check and our insert.
      if (isDuplicateKeyError(error)) throw conflict(takenMessage);
      throw error;
    }

    const { loaders } = context;
    if (id !== program.id) return loadExisting(loaders.programById, id, 'PreventionProgram');
    loaders.programById.clear(id).prime(id, program);
    loaders.programByCode.clear(code).prime(code, program);
    if (agreementId) loaders.programsByAgreementId.clear(agreementId);
    loaders.forgetFigures();
    return program;
  },

  recordProgramSession: async (_: unknown, { input }: { input: RecordProgramSessionInput }, context: AddictionContext) => {
    const writer = writerOf(context);
    const sessionId = randomUUID();
    let recorded: ProgramSession | undefined;
    const id = await createOnce(
      context.store,
      {
        agencyCode: writer.agencyCode,
        operation: 'recordProgramSession',
        key: input.idempotencyKey,
        input: { programId: input.programId, heldOn: input.heldOn, regionId: input.regionId, attendance: input.attendance },
      },
      async (manager) => {
        recorded = await insertProgramSession(context, manager, sessionId, input);
        failpoint('addiction.recordProgramSession.after-first-insert');
        return sessionId;
      },
    );

    const { loaders } = context;
    loaders.sessionsByProgram.clearAll();
    loaders.forgetFigures();
    // A retry answers with the session the first request recorded (committed with its idempotency key).
    if (recorded?.id === id) return recorded;
    const first = await context.stores.sessions.findById(id);
    if (!first) throw new Error(`ProgramSession ${id} is missing`);
    return first;
  },

  referToTreatment: async (_: unknown, { input }: { input: ReferToTreatmentInput }, context: AddictionContext) => {
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
  },

  updateReferralStatus: async (_: unknown, { input }: { input: UpdateReferralStatusInput }, context: AddictionContext) => {
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
  },
};
