import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badUserInput, conflict, failpoint, forbidden, isDuplicateKeyError, unauthenticated, type MetricDefinition, type ReferenceAgency } from '@safety-graph/shared';
import type { AgreementsContext } from '../context';
import { domainOrder, type SafetyDomain } from '../domains';
import type { Agreement, Target } from '../entities';
import { isWithinRegion, type DraftFields, type TargetFields } from '../inputs';
import { requireShownStatus } from '../lifecycle';
import { acceptanceTime } from '../partyStatus';
import { effectiveStatus, type AgreementStatus } from '../status';
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
  await stores.domains.insert(manager, domains.map((domain) => ({ agreementId: id, domain })));
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
  await context.stores.agreements.correct(manager, id, { title: fields.title, titleFa: fields.titleFa, startsOn: fields.startsOn, endsOn: fields.endsOn, signedOn: fields.signedOn });
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
  await stores.parties.insert(manager, { id: randomUUID(), agreementId: agreement.id, agencyId: agency.id, role, position, status: 'PENDING', acceptedAt: null });
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
