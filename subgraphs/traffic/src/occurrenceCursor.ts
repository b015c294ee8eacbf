import { badUserInput } from '@safety-graph/shared';

/**
 * Crashes and violations are paged in (occurredAt, id) order: time alone is not
 * unique (reports round to five minutes), the id breaks ties, so the cursor
 * carries both.
 */
export interface OccurrenceKey {
  occurredAt: Date;
  id: string;
}

export function occurrenceSortKey(row: OccurrenceKey): string {
  return `${row.occurredAt.toISOString()}|${row.id}`;
}

const SORT_KEY = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9A-Za-z-]{1,36})$/;

export function parseOccurrenceKey(sortKey: string | null): OccurrenceKey | null {
  if (sortKey === null) return null;
  const match = SORT_KEY.exec(sortKey);
  const occurredAt = match ? new Date(match[1]) : null;
  if (!match || !occurredAt || Number.isNaN(occurredAt.getTime())) {
    throw badUserInput('after', 'is not a cursor this API issued');
  }
  return { occurredAt, id: match[2] };
}
