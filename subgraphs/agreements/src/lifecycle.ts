import { conflict } from '@safety-graph/shared';
import type { AgreementStatus } from './status';

/**
 * The MOU lifecycle: DRAFT -> ACTIVE -> SUSPENDED <-> ACTIVE -> TERMINATED
 * (terminated from ACTIVE or SUSPENDED). EXPIRED is read from the end date
 * (./status.ts) and no step leaves it. Each step starts from the status the
 * MOU shows, so an active MOU past its end date is EXPIRED here too.
 */
export const LIFECYCLE_STEPS = {
  activateAgreement: { from: ['DRAFT', 'SUSPENDED'], to: 'ACTIVE' },
  suspendAgreement: { from: ['ACTIVE'], to: 'SUSPENDED' },
  terminateAgreement: { from: ['ACTIVE', 'SUSPENDED'], to: 'TERMINATED' },
} as const satisfies Record<string, { from: readonly AgreementStatus[]; to: AgreementStatus }>;

export type LifecycleStep = keyof typeof LIFECYCLE_STEPS;

/** CONFLICT naming the status the MOU is in, unless it is one `operation` may start from. */
export function requireShownStatus(operation: string, code: string, shown: AgreementStatus, allowed: readonly AgreementStatus[]): void {
  if (!allowed.includes(shown)) throw conflict(`MOU ${code} is ${shown}; ${operation} needs it ${allowed.join(' or ')}`);
}

/** The status `step` leads to from `shown`, or CONFLICT naming the status the MOU is in. */
export function nextStatus(step: LifecycleStep, code: string, shown: AgreementStatus): AgreementStatus {
  const { from, to } = LIFECYCLE_STEPS[step];
  requireShownStatus(step, code, shown, from);
  return to;
}

/** What a draft needs before it binds anyone. */
export interface ActivationFacts {
  leadAgencyId: string;
  partyAgencyIds: readonly string[];
  /** Codes of the parties that have not accepted the MOU, in order of signature. */
  pendingPartyCodes: readonly string[];
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  today: string;
}

/** Each precondition of activating a draft that is not met, in words; empty when it may be activated. */
export function missingForActivation(facts: ActivationFacts): string[] {
  const missing: string[] = [];
  const parties = new Set(facts.partyAgencyIds);
  if (parties.size < 2) missing.push(`at least two parties (it has ${parties.size})`);
  if (!parties.has(facts.leadAgencyId)) missing.push('the lead agency among its parties');
  // Nobody is bound by an MOU it never agreed to.
  if (facts.pendingPartyCodes.length > 0) missing.push(`the acceptance of ${facts.pendingPartyCodes.join(', ')} (pending)`);
  if (facts.signedOn === null) missing.push('a signing date');
  if (facts.startsOn > facts.endsOn) missing.push('a period (startsOn is after endsOn)');
  // Activated after its end date it would read EXPIRED at once, a state nothing leaves.
  else if (facts.endsOn < facts.today) missing.push(`a period that has not ended (it ended on ${facts.endsOn})`);
  return missing;
}
