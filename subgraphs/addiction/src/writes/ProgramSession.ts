import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  createOnce,
  failpoint,
  forbidden,
  regionClosure,
  requireCount,
  requireCounty,
  requirePastDate,
  unauthenticated,
} from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { ProgramSession } from '../entities';

export interface RecordProgramSessionInput {
  programId: string;
  heldOn: string;
  regionId: string;
  attendance: number;
  idempotencyKey?: string | null;
}

export const MAX_ATTENDANCE = 100_000;

let regionPairs: Set<string> | undefined;
/** True when `regionId` is `scopeRegionId` or lies under it. */
function isWithin(regionId: string, scopeRegionId: string): boolean {
  regionPairs ??= new Set(regionClosure().map((pair) => `${pair.scopeRegionId}|${pair.regionId}`));
  return regionPairs.has(`${scopeRegionId}|${regionId}`);
}

/** The agency every write is recorded against. The guard already refused a request without a caller. */
export function writerOf(context: AddictionContext): { agencyCode: string; agencyId: string } {
  if (!context.caller || !context.callerAgencyId) throw unauthenticated();
  return { agencyCode: context.caller.agencyCode, agencyId: context.callerAgencyId };
}

/**
 * recordProgramSession's checks, in the writing transaction (the mutation's
 * and the importer's, for new sessions and corrections alike): the programme
 * read there, its lead agency only, a date within it, a county inside its
 * region, and the attendance. The session it would write.
 */
export async function checkedProgramSession(
  context: AddictionContext,
  manager: EntityManager,
  sessionId: string,
  input: Omit<RecordProgramSessionInput, 'idempotencyKey'>,
): Promise<ProgramSession> {
  const writer = writerOf(context);
  const program = await context.stores.programs.findById(manager, input.programId);
  if (!program) throw badUserInput('input.programId', 'no such programme');
  if (program.leadAgencyId !== writer.agencyId) throw forbidden('Only the programme’s lead agency records its sessions');
  const heldOn = requirePastDate('input.heldOn', input.heldOn);
  if (heldOn < program.startsOn || heldOn > program.endsOn) {
    throw badUserInput('input.heldOn', `must be within the programme’s dates (${program.startsOn} to ${program.endsOn})`);
  }
  const regionId = requireCounty('input.regionId', input.regionId);
  if (!isWithin(regionId, program.regionId)) throw badUserInput('input.regionId', 'must be a county inside the programme’s region');
  const attendance = requireCount('input.attendance', input.attendance, MAX_ATTENDANCE);
  return { id: sessionId, programId: program.id, heldOn, regionId, attendance, recordedByAgencyId: writer.agencyId };
}

/** recordProgramSession's checks and write, in the writing transaction. */
export async function insertProgramSession(
  context: AddictionContext,
  manager: EntityManager,
  sessionId: string,
  input: Omit<RecordProgramSessionInput, 'idempotencyKey'>,
): Promise<ProgramSession> {
  const session = await checkedProgramSession(context, manager, sessionId, input);
  await context.stores.sessions.insert(manager, session);
  return session;
}

/**
 * A session already recorded, corrected through the same checks (an import
 * of a corrected export): false, nothing written, when nothing differs.
 */
export async function correctProgramSession(
  context: AddictionContext,
  manager: EntityManager,
  sessionId: string,
  input: Omit<RecordProgramSessionInput, 'idempotencyKey'>,
): Promise<boolean> {
  const next = await checkedProgramSession(context, manager, sessionId, input);
  const current = await context.stores.sessions.findForWrite(manager, sessionId);
  if (!current) throw badUserInput('externalId', 'no such session');
  const same = (['programId', 'heldOn', 'regionId', 'attendance', 'recordedByAgencyId'] as const).every((field) => current[field] === next[field]);
  if (same) return false;
  await context.stores.sessions.correct(manager, next);
  return true;
}

/** recordProgramSession: the session written once per idempotency key; a retry answers the first one. */
export async function recordProgramSession(context: AddictionContext, input: RecordProgramSessionInput): Promise<ProgramSession> {
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
}
