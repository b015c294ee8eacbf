import type { EntityManager } from 'typeorm';
import { badUserInput, forbidden, regionClosure, requireCount, requireCounty, requirePastDate, unauthenticated } from '@safety-graph/shared';
import type { AddictionContext } from './context';
import type { ProgramSession } from './entities';

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
 * recordProgramSession's checks and write, in the writing transaction (the
 * mutation's and the importer's): the programme read there, its lead agency
 * only, a date within it, a county inside its region, and the attendance.
 */
export async function insertProgramSession(
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
  const session: ProgramSession = { id: sessionId, programId: program.id, heldOn, regionId, attendance, recordedByAgencyId: writer.agencyId };
  await context.stores.sessions.insert(manager, session);
  return session;
}
