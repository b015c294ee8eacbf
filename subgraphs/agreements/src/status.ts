/**
 * The one place that decides the status an MOU shows. An MOU recorded ACTIVE
 * or SUSPENDED lapses on its own when its end date has passed: nobody has to
 * remember to flip it, so it reads EXPIRED from the day after `endsOn`
 * (inclusive dates, compared in UTC). `effectiveStatus` applies the rule to a
 * row; `statusCondition` is the same rule as a filter, for the store's SQL.
 */
export const AGREEMENT_STATUSES = ['DRAFT', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Recorded statuses that turn into EXPIRED once the end date is past. */
export const LAPSING_STATUSES: readonly AgreementStatus[] = ['ACTIVE', 'SUSPENDED'];

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function effectiveStatus(recorded: string, endsOn: string, today: string = todayIso()): AgreementStatus {
  if (LAPSING_STATUSES.includes(recorded as AgreementStatus) && endsOn < today) return 'EXPIRED';
  return recorded as AgreementStatus;
}

/**
 * Which recorded rows show `wanted`: the recorded statuses that qualify, and
 * whether the end date must be past (true), not past (false) or does not matter
 * (null). Rows qualify when any of the returned alternatives holds.
 */
export interface StatusAlternative {
  recorded: readonly string[];
  ended: boolean | null;
}

export function statusCondition(wanted: AgreementStatus): StatusAlternative[] {
  if (wanted === 'EXPIRED')
    return [
      { recorded: ['EXPIRED'], ended: null },
      { recorded: LAPSING_STATUSES, ended: true },
    ];
  if (LAPSING_STATUSES.includes(wanted)) return [{ recorded: [wanted], ended: false }];
  return [{ recorded: [wanted], ended: null }];
}
