import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  conflict,
  createOnce,
  failpoint,
  forbidden,
  isDuplicateKeyError,
  referenceAgencies,
  unauthenticated,
  type MetricDefinition,
  type ReferenceAgency,
} from '@safety-graph/shared';
import type { AgreementsContext } from '../context';
import { domainOrder, type SafetyDomain } from '../domains';
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
  type DraftFields,
  type SetTargetInput,
  type TargetFields,
} from '../inputs';
import { missingForActivation, nextStatus, requireShownStatus, type LifecycleStep } from '../lifecycle';
import { primeAgreement } from '../loaders';
import { acceptanceTime } from '../partyStatus';
import { effectiveStatus, todayIso, type AgreementStatus } from '../status';
import { readWholeAgreement, type WholeAgreement } from '../store';
import { TARGET_KIND_OF_DOMAIN } from '../targetKind';

// The MOU aggregate's writes, inside the caller's transaction: the mutations
// (resolvers/Mutation.ts) and the importers (importers/*.ts) call these.

/** Parties and commitments may be added until the MOU is over. */
export const OPEN_STATUSES: readonly AgreementStatus[] = ['DRAFT', 'ACTIVE', 'SUSPENDED'];
/** Targets are set while the MOU is being drafted or runs; a suspended one waits to be resumed. */
export const TARGET_STATUSES: readonly AgreementStatus[] = ['DRAFT', 'ACTIVE'];

export interface Writer {
  agencyCode: string;
  agencyId: string;
}

/** The agency every write is recorded against. The guard has already refused a request without a caller. */
export function writerOf(context: AgreementsContext): Writer {
  if (!context.caller || !context.callerAgencyId) throw unauthenticated();
  return { agencyCode: context.caller.agencyCode, agencyId: context.callerAgencyId };
}

/** The MOU a write is about, locked for the transaction; MOUs are public, so an unknown one is simply a bad argument. */
export async function agreementForWrite(context: AgreementsContext, manager: EntityManager, id: string, argument: string): Promise<Agreement> {
  const agreement = await context.stores.agreements.findForWrite(manager, id);
  if (!agreement) throw badUserInput(argument, 'is not a known agreement');
  return agreement;
}

export function requireLead(agreement: Agreement, writer: Writer, doing: string): void {
  if (agreement.leadAgencyId !== writer.agencyId) throw forbidden(`Only the lead agency of MOU ${agreement.code} may ${doing}`);
}

export const shownStatus = (agreement: Agreement): AgreementStatus => effectiveStatus(agreement.status, agreement.endsOn);

/**
 * Runs a write whose uniqueness was checked inside it; a concurrent request
 * that took the same code or party between the check and the insert surfaces
 * as the same CONFLICT, not as a driver error.
 */
export async function unlessTaken<T>(taken: () => Error, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw taken();
    throw error;
  }
}

/** draftAgreement's write: the MOU (its code free), its domains, and the writer as its accepted lead. */
export async function insertDraft(context: AgreementsContext, manager: EntityManager, id: string, fields: DraftFields, writer: Writer): Promise<void> {
  const { stores } = context;
  const { domains, ...columns } = fields;
  if (await stores.agreements.codeTaken(manager, fields.code)) throw conflict(`An MOU with code ${fields.code} already exists`);
  await stores.agreements.insert(manager, { id, ...columns, status: 'DRAFT', leadAgencyId: writer.agencyId });
  failpoint('agreements.draftAgreement.after-first-insert');
  await stores.domains.insert(
    manager,
    domains.map((domain) => ({ agreementId: id, domain })),
  );
  await stores.parties.insert(manager, {
    id: randomUUID(),
    agreementId: id,
    agencyId: writer.agencyId,
    role: 'LEAD',
    position: 0,
    // The lead agrees to what it drafts.
    status: 'ACCEPTED',
    acceptedAt: acceptanceTime(),
  });
}

/**
 * A draft the writer leads, corrected to checked fields (the agreements
 * importer): false, nothing written, when nothing differs. Only a DRAFT is
 * corrected, and never its code, region or domains, which its parties and
 * targets rest on (CONFLICT).
 */
export async function correctDraft(context: AgreementsContext, manager: EntityManager, id: string, fields: DraftFields, writer: Writer): Promise<boolean> {
  const agreement = await agreementForWrite(context, manager, id, 'input.code');
  requireLead(agreement, writer, 'correct it');
  const domains = (await context.stores.domains.findByAgreementIds([id], manager)).map((row) => row.domain as SafetyDomain).sort(domainOrder);
  const same = (['title', 'titleFa', 'startsOn', 'endsOn', 'signedOn'] as const).every((field) => agreement[field] === fields[field]);
  const sameBase = agreement.code === fields.code && agreement.regionId === fields.regionId && domains.join() === fields.domains.join();
  if (same && sameBase) return false;
  if (!sameBase) throw conflict(`MOU ${agreement.code}: its code, region and domains are not corrected by an import`);
  requireShownStatus('correct', agreement.code, shownStatus(agreement), ['DRAFT']);
  await context.stores.agreements.correct(manager, id, {
    title: fields.title,
    titleFa: fields.titleFa,
    startsOn: fields.startsOn,
    endsOn: fields.endsOn,
    signedOn: fields.signedOn,
  });
  return true;
}

/** addParty's write: the lead adds an agency, PENDING until it accepts. */
export async function insertParty(
  context: AgreementsContext,
  manager: EntityManager,
  agreementId: string,
  argument: string,
  { agency, role }: { agency: ReferenceAgency; role: string },
  writer: Writer,
): Promise<void> {
  const { stores } = context;
  const agreement = await agreementForWrite(context, manager, agreementId, argument);
  requireLead(agreement, writer, 'add parties');
  requireShownStatus('addParty', agreement.code, shownStatus(agreement), OPEN_STATUSES);
  const parties = await stores.parties.findByAgreementIds([agreement.id], manager);
  if (agency.id === agreement.leadAgencyId || parties.some((party) => party.agencyId === agency.id)) {
    throw conflict(`${agency.code} is already a party to this MOU`);
  }
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
}

/** A party's role corrected by the lead (the parties importer): false when it is the same. */
export async function correctPartyRole(
  context: AgreementsContext,
  manager: EntityManager,
  agreementId: string,
  { agency, role }: { agency: ReferenceAgency; role: string },
  writer: Writer,
): Promise<boolean> {
  const agreement = await agreementForWrite(context, manager, agreementId, 'input.agreementId');
  requireLead(agreement, writer, 'change its parties');
  const party = (await context.stores.parties.findByAgreementIds([agreementId], manager)).find((candidate) => candidate.agencyId === agency.id);
  if (!party) throw badUserInput('input.agencyId', `is not a party to MOU ${agreement.code}`);
  if (party.role === role) return false;
  if (party.role === 'LEAD') throw conflict(`${agency.code} leads MOU ${agreement.code}; the lead's role does not change`);
  requireShownStatus('addParty', agreement.code, shownStatus(agreement), OPEN_STATUSES);
  await context.stores.parties.changeRole(manager, party.id, role);
  return true;
}

/** setTarget's checks against the MOU and its write. */
export async function insertTarget(
  context: AgreementsContext,
  manager: EntityManager,
  id: string,
  { fields, definition }: { fields: TargetFields; definition: MetricDefinition },
  writer: Writer,
): Promise<void> {
  await context.stores.targets.insert(manager, await checkedTarget(context, manager, id, { fields, definition }, writer));
}

async function checkedTarget(
  context: AgreementsContext,
  manager: EntityManager,
  id: string,
  { fields, definition }: { fields: TargetFields; definition: MetricDefinition },
  writer: Writer,
): Promise<Target> {
  const agreement = await agreementForWrite(context, manager, fields.agreementId, 'input.agreementId');
  requireLead(agreement, writer, 'set targets');
  requireShownStatus('setTarget', agreement.code, shownStatus(agreement), TARGET_STATUSES);
  const domains = await context.stores.domains.findByAgreementIds([agreement.id], manager);
  if (!domains.some((covered) => covered.domain === definition.domain)) {
    throw badUserInput('input.metric', `measures ${definition.domain}, which MOU ${agreement.code} does not cover`);
  }
  if (!isWithinRegion(fields.regionId, agreement.regionId)) {
    throw badUserInput('input.regionId', `must be the region of MOU ${agreement.code} or a region within it`);
  }
  return {
    id,
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
}

/** A target corrected through setTarget's checks (the targets importer): false, nothing written, when nothing differs. */
export async function correctTarget(
  context: AgreementsContext,
  manager: EntityManager,
  id: string,
  checked: { fields: TargetFields; definition: MetricDefinition },
  writer: Writer,
): Promise<boolean> {
  const [current] = await context.stores.targets.findByIds([id], manager);
  if (!current) throw badUserInput('input.agreementId', 'no such target');
  if (current.agreementId !== checked.fields.agreementId) throw conflict('a target never moves to another MOU');
  const next = await checkedTarget(context, manager, id, checked, writer);
  const fields = ['kind', 'metric', 'regionId', 'periodFrom', 'periodTo', 'baseline', 'target', 'direction'] as const;
  if (fields.every((field) => current[field] === next[field] || (typeof next[field] === 'number' && Number(current[field]) === next[field]))) return false;
  await context.stores.targets.correct(manager, next);
  return true;
}

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
  return async (context: AgreementsContext, id: string): Promise<Agreement> => {
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

/** draftAgreement: a new MOU in DRAFT led by the caller's agency, once per idempotency key; a taken code is a CONFLICT. */
export async function draftAgreement(context: AgreementsContext, input: DraftAgreementInput): Promise<Agreement> {
  const writer = writerOf(context);
  const fields = validateDraft(input);
  const taken = () => conflict(`An MOU with code ${fields.code} already exists`);
  const id = await unlessTaken(taken, () =>
    createOnce(context.store, { agencyCode: writer.agencyCode, operation: 'draftAgreement', key: input.idempotencyKey, input: fields }, async (manager) => {
      const agreementId = randomUUID();
      await insertDraft(context, manager, agreementId, fields, writer);
      return agreementId;
    }),
  );
  return (await written(context, id)).agreement;
}

/** addParty: another agency joins the MOU as a party (pending its acceptance). */
export async function addParty(context: AgreementsContext, input: AddPartyInput): Promise<Agreement> {
  const writer = writerOf(context);
  const party = validateParty(input);
  const already = () => conflict(`${party.agency.code} is already a party to this MOU`);
  await unlessTaken(already, () =>
    context.store.transaction((manager) => insertParty(context, manager, input.agreementId, 'input.agreementId', party, writer)),
  );
  return (await written(context, input.agreementId)).agreement;
}

/** addCommitment: a party's commitment, added by the lead agency or the party itself while the MOU is open. */
export async function addCommitment(context: AgreementsContext, input: AddCommitmentInput): Promise<Agreement> {
  const writer = writerOf(context);
  const { stores } = context;
  const fields = validateCommitment(input);
  await createOnce(context.store, { agencyCode: writer.agencyCode, operation: 'addCommitment', key: input.idempotencyKey, input: fields }, async (manager) => {
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
  });
  return (await written(context, fields.agreementId)).agreement;
}

/** setTarget: a measurable target of the MOU, once per idempotency key. */
export async function setTarget(context: AgreementsContext, input: SetTargetInput): Promise<Target> {
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
}

/**
 * The caller's agency accepts an MOU it is party to. Accepting again changes
 * nothing and answers the MOU as it is, even once it is over; a party still
 * pending cannot join a TERMINATED or EXPIRED MOU.
 */
export async function acceptAgreement(context: AgreementsContext, id: string): Promise<Agreement> {
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
}

/** The lifecycle steps, each the lead agency's alone. */
export const activateAgreement = lifecycleStep('activateAgreement');
export const suspendAgreement = lifecycleStep('suspendAgreement');
export const terminateAgreement = lifecycleStep('terminateAgreement');
