import { randomUUID } from 'node:crypto';
import { agencyId, badUserInput, conflict, createOnce, failpoint, forbidden, requireCaller, requirePastDate, requireText } from '@safety-graph/shared';
import type { EntityManager } from 'typeorm';
import type { DivorceContext } from '../context';
import type { CounselingCase, CounselingSession } from '../entities';

export const TOPIC_MAX_LENGTH = 200;
/** The values of the schema's CounselingMode. */
export const COUNSELING_MODES = ['IN_PERSON', 'PHONE', 'ONLINE'] as const;

export interface OpenCounselingCaseInput {
  unitId: string;
  subjectNationalId: string;
  openedOn: string;
  topic: string;
  idempotencyKey?: string | null;
}

export interface RecordCounselingSessionInput {
  caseId: string;
  heldOn: string;
  mode: string;
  free: boolean;
  idempotencyKey?: string | null;
}

export interface CloseCounselingCaseInput {
  caseId: string;
  closedOn: string;
  outcome: string;
}

/** The agency writing: it must host the unit, and it is recorded on what it creates. */
function recorderOf(context: DivorceContext): { agencyCode: string; agencyId: string } {
  const caller = requireCaller(context.caller);
  return { agencyCode: caller.agencyCode, agencyId: agencyId(caller.agencyCode) };
}

/**
 * A case the caller may write to: one of its own units' cases. Any other is
 * reported as not found, as a read would, so that a write cannot probe which
 * case ids exist. The unit of a case never changes, so this check may run
 * before the writing transaction; the case's status is read again inside it.
 */
async function hostedCase(context: DivorceContext, caseId: string): Promise<CounselingCase> {
  const counselingCase = await context.loaders.visibleCaseById.load(caseId);
  if (!counselingCase) throw badUserInput('input.caseId', 'no such case');
  return counselingCase;
}

/** Drops what this request's loaders hold of the case, and primes them with what was written when it is known. */
function refreshCase(context: DivorceContext, caseId: string, written: CounselingCase | undefined): Promise<CounselingCase | null> {
  context.loaders.visibleCaseById.clear(caseId);
  context.loaders.visibleSessionsByCaseId.clear(caseId);
  if (written?.id === caseId) context.loaders.visibleCaseById.prime(caseId, written);
  return context.loaders.visibleCaseById.load(caseId);
}

function written<T>(row: T | null): T {
  // Only a broken invariant gets here (the caller hosts what it just wrote); the server masks it.
  if (!row) throw new Error('the record just written is not visible to its writer');
  return row;
}

/**
 * Everything opening a case checks before it writes (the mutation and the
 * importer alike): the row it would write, all but its id.
 */
export async function checkedNewCase(context: DivorceContext, input: Omit<OpenCounselingCaseInput, 'idempotencyKey'>): Promise<Omit<CounselingCase, 'id'>> {
  const recorder = recorderOf(context);
  const topic = requireText('input.topic', input.topic, TOPIC_MAX_LENGTH);
  const openedOn = requirePastDate('input.openedOn', input.openedOn);
  // Units are public, so naming the host's rule reveals nothing.
  const unit = await context.loaders.unitById.load(input.unitId);
  if (!unit) throw badUserInput('input.unitId', 'no such counselling unit');
  if (unit.hostAgencyId !== recorder.agencyId) throw forbidden('Only the agency hosting the unit may open its cases');
  const subjectPseudonym = context.pseudonymize(input.subjectNationalId, 'input.subjectNationalId');
  return {
    unitId: unit.id,
    regionId: unit.regionId,
    subjectPseudonym,
    openedOn,
    status: 'OPEN',
    topic,
    closedOn: null,
    outcome: null,
    recordedByAgencyId: recorder.agencyId,
  };
}

export async function openCounselingCase(context: DivorceContext, input: OpenCounselingCaseInput): Promise<CounselingCase> {
  const recorder = recorderOf(context);
  const checked = await checkedNewCase(context, input);
  const { unitId, subjectPseudonym, openedOn, topic } = checked;

  const inserted: { row?: CounselingCase } = {};
  const caseId = await createOnce(
    context.store,
    {
      agencyCode: recorder.agencyCode,
      operation: 'openCounselingCase',
      key: input.idempotencyKey,
      // The pseudonym stands for the person here too: the key's stored request hash, an unkeyed
      // SHA-256, must not be a way back to a national id by trying the billion valid ones.
      input: { unitId, subjectPseudonym, openedOn, topic },
    },
    async (manager) => {
      const row: CounselingCase = { id: randomUUID(), ...checked };
      await context.stores.cases.insert(manager, row);
      failpoint('divorce.openCounselingCase.after-first-insert');
      inserted.row = row;
      return row.id;
    },
  );
  return written(await refreshCase(context, caseId, inserted.row));
}

/**
 * Everything recording a session checks before its transaction (the mutation
 * and the importer alike): the date, the mode, and a case the recorder hosts.
 */
export async function checkedNewSession(
  context: DivorceContext,
  input: Omit<RecordCounselingSessionInput, 'idempotencyKey'>,
): Promise<{ counselingCase: CounselingCase; heldOn: string; mode: string; free: boolean }> {
  recorderOf(context);
  const heldOn = requirePastDate('input.heldOn', input.heldOn);
  // GraphQL already holds the mutation to the enum; an imported row has only this check.
  if (!(COUNSELING_MODES as readonly string[]).includes(input.mode)) throw badUserInput('input.mode', `must be one of ${COUNSELING_MODES.join(', ')}`);
  if (typeof input.free !== 'boolean') throw badUserInput('input.free', 'must be true or false');
  const counselingCase = await hostedCase(context, input.caseId);
  if (heldOn < counselingCase.openedOn) throw badUserInput('input.heldOn', `must not be before the case was opened (${counselingCase.openedOn})`);
  return { counselingCase, heldOn, mode: input.mode, free: input.free };
}

/**
 * Writes a checked session in the caller's transaction, the case read again
 * (and locked on MySQL) so that it is still OPEN: a case closed meanwhile is a CONFLICT.
 */
export async function insertSession(
  context: DivorceContext,
  manager: EntityManager,
  sessionId: string,
  checked: { counselingCase: CounselingCase; heldOn: string; mode: string; free: boolean },
): Promise<CounselingSession> {
  const recorder = recorderOf(context);
  const current = await context.stores.cases.findForWrite(manager, checked.counselingCase.id);
  if (current?.status !== 'OPEN') {
    throw conflict(`case ${checked.counselingCase.id} is ${current?.status ?? 'gone'}; sessions are recorded only while it is OPEN`);
  }
  const row: CounselingSession = {
    id: sessionId,
    caseId: current.id,
    unitId: current.unitId,
    regionId: current.regionId,
    heldOn: checked.heldOn,
    mode: checked.mode,
    free: checked.free,
    recordedByAgencyId: recorder.agencyId,
  };
  await context.stores.sessions.insert(manager, row);
  return row;
}

/**
 * A case already opened, corrected to a checked row (the cases importer, for a
 * corrected export): false, nothing written, when nothing differs. Its unit
 * never changes (its sessions are the unit's); its opening stays on or before
 * its first session and its closing.
 */
export async function correctCase(context: DivorceContext, manager: EntityManager, caseId: string, checked: Omit<CounselingCase, 'id'>): Promise<boolean> {
  const current = await context.stores.cases.findForWrite(manager, caseId);
  if (!current || current.recordedByAgencyId !== checked.recordedByAgencyId) throw badUserInput('input.caseId', 'no such case');
  if (current.unitId !== checked.unitId) throw conflict(`case ${caseId} is a case of another unit; a case never moves to another unit`);
  if (current.subjectPseudonym === checked.subjectPseudonym && current.openedOn === checked.openedOn && current.topic === checked.topic) return false;
  const firstHeldOn = await context.stores.sessions.firstHeldOn(manager, caseId);
  if (firstHeldOn !== null && checked.openedOn > firstHeldOn)
    throw badUserInput('input.openedOn', `must not be after the case's first session (${firstHeldOn})`);
  if (current.closedOn !== null && checked.openedOn > current.closedOn)
    throw badUserInput('input.openedOn', `must not be after the case was closed (${current.closedOn})`);
  await context.stores.cases.correct(manager, current, { subjectPseudonym: checked.subjectPseudonym, openedOn: checked.openedOn, topic: checked.topic });
  return true;
}

/**
 * A session already recorded, corrected to checked facts (the sessions
 * importer): false, nothing written, when nothing differs. It stays with its
 * case, on or after the case's opening (checked) and on or before its closing.
 */
export async function correctSession(
  context: DivorceContext,
  manager: EntityManager,
  sessionId: string,
  checked: { counselingCase: CounselingCase; heldOn: string; mode: string; free: boolean },
): Promise<boolean> {
  const current = await context.stores.sessions.findForWrite(manager, sessionId);
  if (!current) throw badUserInput('input.caseId', 'no such session');
  if (current.caseId !== checked.counselingCase.id) throw conflict(`session ${sessionId} is a session of another case; a session never moves to another case`);
  if (current.heldOn === checked.heldOn && current.mode === checked.mode && current.free === checked.free) return false;
  const counselingCase = await context.stores.cases.findForWrite(manager, current.caseId);
  if (counselingCase?.closedOn && checked.heldOn > counselingCase.closedOn) {
    throw badUserInput('input.heldOn', `must not be after the case was closed (${counselingCase.closedOn})`);
  }
  await context.stores.sessions.correct(manager, current, { heldOn: checked.heldOn, mode: checked.mode, free: checked.free });
  return true;
}

export async function recordCounselingSession(context: DivorceContext, input: RecordCounselingSessionInput): Promise<CounselingSession> {
  const recorder = recorderOf(context);
  const checked = await checkedNewSession(context, input);
  const { counselingCase, heldOn } = checked;

  const inserted: { row?: CounselingSession } = {};
  const sessionId = await createOnce(
    context.store,
    {
      agencyCode: recorder.agencyCode,
      operation: 'recordCounselingSession',
      key: input.idempotencyKey,
      input: { caseId: counselingCase.id, heldOn, mode: input.mode, free: input.free },
    },
    async (manager) => {
      const row = await insertSession(context, manager, randomUUID(), checked);
      failpoint('divorce.recordCounselingSession.after-first-insert');
      inserted.row = row;
      return row.id;
    },
  );
  context.loaders.visibleSessionsByCaseId.clear(counselingCase.id);
  context.loaders.visibleSessionById.clear(sessionId);
  if (inserted.row?.id === sessionId) context.loaders.visibleSessionById.prime(sessionId, inserted.row);
  return written(await context.loaders.visibleSessionById.load(sessionId));
}

export async function closeCounselingCase(context: DivorceContext, input: CloseCounselingCaseInput): Promise<CounselingCase> {
  const closedOn = requirePastDate('input.closedOn', input.closedOn);
  const counselingCase = await hostedCase(context, input.caseId);
  if (closedOn < counselingCase.openedOn) throw badUserInput('input.closedOn', `must not be before the case was opened (${counselingCase.openedOn})`);

  const closed = await context.store.transaction(async (manager) => {
    const current = await context.stores.cases.findForWrite(manager, counselingCase.id);
    if (current?.status !== 'OPEN') throw conflict(`case ${counselingCase.id} is already ${current?.status ?? 'gone'}`);
    const lastHeldOn = await context.stores.sessions.lastHeldOn(manager, current.id);
    if (lastHeldOn !== null && closedOn < lastHeldOn) {
      throw badUserInput('input.closedOn', `must not be before the case's last session (${lastHeldOn})`);
    }
    // The row is locked (MySQL) or the transaction runs alone (SQLite); the OPEN condition is a second guard.
    if (!(await context.stores.cases.close(manager, current.id, closedOn, input.outcome))) {
      throw conflict(`case ${counselingCase.id} is no longer OPEN`);
    }
    return { ...current, status: 'CLOSED', closedOn, outcome: input.outcome };
  });
  return written(await refreshCase(context, closed.id, closed));
}
