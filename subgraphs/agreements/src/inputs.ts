import {
  badUserInput,
  METRICS,
  metric,
  regionClosure,
  requireAgency,
  requirePastDate,
  requireRegion,
  requireText,
  type MetricDefinition,
  type ReferenceAgency,
} from '@safety-graph/shared';
import { domainOrder, SAFETY_DOMAINS, type SafetyDomain } from './domains';

/**
 * The mutations' inputs and the checks that need no stored row: shapes,
 * lengths, dates, reference regions and agencies, metrics. What depends on the
 * MOU (who leads it, its status, its parties and domains) is checked in the
 * write's transaction (resolvers/Mutation.ts).
 */

export interface DraftAgreementInput {
  code: string;
  title: string;
  titleFa: string;
  domains: string[];
  regionId: string;
  startsOn: string;
  endsOn: string;
  signedOn?: string | null;
  idempotencyKey?: string | null;
}

export interface AddPartyInput {
  agreementId: string;
  agencyId: string;
  role: string;
}

export interface AddCommitmentInput {
  agreementId: string;
  agencyId: string;
  description: string;
  descriptionFa: string;
  dueOn?: string | null;
  idempotencyKey?: string | null;
}

export interface SetTargetInput {
  agreementId: string;
  metric: string;
  regionId: string;
  from: string;
  to: string;
  baseline: number;
  target: number;
  idempotencyKey?: string | null;
}

const AGREEMENT_CODE = /^[A-Z0-9-]{3,64}$/;
const MAX_TITLE = 300;
const MAX_COMMITMENT_TEXT = 500;
const MAX_YEARS = 10;
/** The roles addParty may give; LEAD is the drafting agency's alone. */
export const ADDED_PARTY_ROLES = ['PARTNER', 'OBSERVER'] as const;

function addYears(date: string, years: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  return moved.toISOString().slice(0, 10);
}

/** A draft's fields as stored: trimmed titles, domains once each in API order. */
export interface DraftFields {
  code: string;
  title: string;
  titleFa: string;
  domains: SafetyDomain[];
  regionId: string;
  startsOn: string;
  endsOn: string;
  signedOn: string | null;
}

export function validateDraft(input: DraftAgreementInput): DraftFields {
  if (typeof input.code !== 'string' || !AGREEMENT_CODE.test(input.code)) {
    throw badUserInput('input.code', 'must be 3 to 64 characters, each A-Z, 0-9 or -');
  }
  const title = requireText('input.title', input.title, MAX_TITLE);
  const titleFa = requireText('input.titleFa', input.titleFa, MAX_TITLE);
  if (!Array.isArray(input.domains) || input.domains.length === 0) throw badUserInput('input.domains', 'must name at least one domain');
  const seen = new Set<string>();
  for (const [index, domain] of input.domains.entries()) {
    if (!SAFETY_DOMAINS.includes(domain as SafetyDomain)) throw badUserInput(`input.domains[${index}]`, 'is not a safety domain');
    if (seen.has(domain)) throw badUserInput(`input.domains[${index}]`, `names ${domain} a second time`);
    seen.add(domain);
  }
  const regionId = requireRegion('input.regionId', input.regionId);
  if (input.endsOn < input.startsOn) throw badUserInput('input.endsOn', 'must not be before startsOn');
  if (input.endsOn > addYears(input.startsOn, MAX_YEARS)) throw badUserInput('input.endsOn', `must be at most ${MAX_YEARS} years after startsOn`);
  const signedOn = input.signedOn == null ? null : requirePastDate('input.signedOn', input.signedOn);
  return {
    code: input.code,
    title,
    titleFa,
    domains: [...seen].sort(domainOrder) as SafetyDomain[],
    regionId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    signedOn,
  };
}

export function validateParty(input: AddPartyInput): { agency: ReferenceAgency; role: string } {
  const agency = requireAgency('input.agencyId', input.agencyId);
  if (!(ADDED_PARTY_ROLES as readonly string[]).includes(input.role)) throw badUserInput('input.role', 'must be PARTNER or OBSERVER');
  return { agency, role: input.role };
}

export interface CommitmentFields {
  agreementId: string;
  agencyId: string;
  description: string;
  descriptionFa: string;
  dueOn: string | null;
}

export function validateCommitment(input: AddCommitmentInput): CommitmentFields {
  return {
    agreementId: input.agreementId,
    agencyId: input.agencyId,
    description: requireText('input.description', input.description, MAX_COMMITMENT_TEXT),
    descriptionFa: requireText('input.descriptionFa', input.descriptionFa, MAX_COMMITMENT_TEXT),
    dueOn: input.dueOn ?? null,
  };
}

export interface TargetFields {
  agreementId: string;
  metric: string;
  regionId: string;
  from: string;
  to: string;
  baseline: number;
  target: number;
}

function requireAmount(argument: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badUserInput(argument, 'must be a finite number, not negative');
  return value;
}

export function validateTarget(input: SetTargetInput): { fields: TargetFields; definition: MetricDefinition } {
  const definition = metric(input.metric);
  if (!definition) throw badUserInput('input.metric', `is not one of the metrics ${METRICS.map((known) => known.code).join(', ')}`);
  const regionId = requireRegion('input.regionId', input.regionId);
  if (input.to < input.from) throw badUserInput('input.to', 'must not be before from');
  const baseline = requireAmount('input.baseline', input.baseline);
  const target = requireAmount('input.target', input.target);
  return { fields: { agreementId: input.agreementId, metric: definition.code, regionId, from: input.from, to: input.to, baseline, target }, definition };
}

let regionPairs: Set<string> | undefined;

/** True when `regionId` is `scopeRegionId` or lies under it (a county of a province). */
export function isWithinRegion(regionId: string, scopeRegionId: string): boolean {
  regionPairs ??= new Set(regionClosure().map((pair) => `${pair.scopeRegionId}|${pair.regionId}`));
  return regionPairs.has(`${scopeRegionId}|${regionId}`);
}
