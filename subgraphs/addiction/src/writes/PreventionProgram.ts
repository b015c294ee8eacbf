import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  conflict,
  createOnce,
  failpoint,
  isDuplicateKeyError,
  loadExisting,
  referenceRegions,
  requireRegion,
  requireText,
} from '@safety-graph/shared';
import type { AddictionContext } from '../context';
import type { PreventionProgram } from '../entities';
import { writerOf } from './ProgramSession';

export interface CreatePreventionProgramInput {
  code: string;
  title: string;
  titleFa: string;
  kind: string;
  regionId: string;
  startsOn: string;
  endsOn: string;
  agreementId?: string | null;
  idempotencyKey?: string | null;
}

/** The values of the schema's ProgramKind. */
export const PROGRAM_KINDS = ['SCHOOL_EDUCATION', 'PUBLIC_EDUCATION', 'EXHIBITION', 'MEDIA_CAMPAIGN', 'COMMUNITY'] as const;
const PROGRAM_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Everything createPreventionProgram checks before it writes (the mutation
 * and the programmes importer alike): the programme it would write, all but its id.
 */
export function checkedNewProgram(context: AddictionContext, input: Omit<CreatePreventionProgramInput, 'idempotencyKey'>): Omit<PreventionProgram, 'id'> {
  const writer = writerOf(context);
  const code = requireText('input.code', input.code, 64);
  if (!PROGRAM_CODE.test(code)) throw badUserInput('input.code', 'may hold only letters, digits, ".", "_" and "-"');
  const title = requireText('input.title', input.title, 200);
  const titleFa = requireText('input.titleFa', input.titleFa, 200);
  // GraphQL already holds the mutation to the enum and the Date scalar; an imported row has only these checks.
  if (!(PROGRAM_KINDS as readonly string[]).includes(input.kind)) throw badUserInput('input.kind', `must be one of ${PROGRAM_KINDS.join(', ')}`);
  for (const field of ['startsOn', 'endsOn'] as const) {
    if (typeof input[field] !== 'string' || !ISO_DATE.test(input[field]) || Number.isNaN(Date.parse(`${input[field]}T00:00:00Z`))) {
      throw badUserInput(`input.${field}`, 'must be a date YYYY-MM-DD');
    }
  }
  const regionId = requireRegion('input.regionId', input.regionId);
  if (referenceRegions().find((region) => region.id === regionId)?.kind === 'COUNTRY') {
    throw badUserInput('input.regionId', 'must be a county or a province');
  }
  if (input.endsOn < input.startsOn) throw badUserInput('input.endsOn', 'must not be before startsOn');
  // The MOU belongs to the agreements subgraph, which this one never calls: only its form is checked here.
  const agreementId = input.agreementId ?? null;
  if (agreementId !== null && !UUID.test(agreementId)) throw badUserInput('input.agreementId', 'is not an agreement id');
  return { code, title, titleFa, kind: input.kind, regionId, startsOn: input.startsOn, endsOn: input.endsOn, agreementId, leadAgencyId: writer.agencyId };
}

/** createPreventionProgram's write, in the writing transaction: the code must be free (CONFLICT otherwise). */
export async function insertProgram(context: AddictionContext, manager: EntityManager, program: PreventionProgram): Promise<void> {
  if (await context.stores.programs.codeTaken(manager, program.code)) throw conflict(`a programme with code ${program.code} already exists`);
  await context.stores.programs.insert(manager, program);
}

/**
 * A programme the agency leads, corrected to a checked one (an import of a
 * corrected export): false, nothing written, when nothing differs. A new code
 * must be free; new dates and region must still hold every session recorded.
 */
export async function correctProgram(context: AddictionContext, manager: EntityManager, id: string, checked: Omit<PreventionProgram, 'id'>): Promise<boolean> {
  const current = await context.stores.programs.findById(manager, id);
  if (!current || current.leadAgencyId !== checked.leadAgencyId) throw badUserInput('input.code', 'no such programme');
  const fields = ['code', 'title', 'titleFa', 'kind', 'regionId', 'startsOn', 'endsOn', 'agreementId'] as const;
  if (fields.every((field) => current[field] === checked[field])) return false;
  if (checked.code !== current.code && (await context.stores.programs.codeTaken(manager, checked.code))) {
    throw conflict(`a programme with code ${checked.code} already exists`);
  }
  const held = await context.stores.sessions.heldRange(manager, id);
  if (held !== null && (held.first < checked.startsOn || held.last > checked.endsOn)) {
    throw badUserInput('input.startsOn', `must keep the programme's sessions, held ${held.first} to ${held.last}, within its dates`);
  }
  if (checked.regionId !== current.regionId && held !== null) throw conflict(`programme ${current.code} has sessions; its region no longer changes`);
  await context.stores.programs.correct(manager, id, checked);
  return true;
}

/** createPreventionProgram: the programme written once per idempotency key; a retry answers the first one. */
export async function createPreventionProgram(context: AddictionContext, input: CreatePreventionProgramInput): Promise<PreventionProgram> {
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
}
