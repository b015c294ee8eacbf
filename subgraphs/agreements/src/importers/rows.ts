import { badUserInput, defaultScopesFor, type ImportContext, type ImportResult, optionalText, referenceAgencies, referenceRegions } from '@safety-graph/shared';
import type { AgreementsContext } from '../context';

// What the agreements importers share on top of the shared import engine.

export type Row = Record<string, unknown>;

/**
 * MOUs are drafted and led by agencies whose kind holds agreements:write, as
 * the mutations demand of a caller; every row of any other agency's file is
 * refused. Null when the agency may import.
 */
export function refusedAgency(context: ImportContext, lines: number[]): ImportResult | null {
  const agency = referenceAgencies().find((candidate) => candidate.code === context.agencyCode);
  if (agency && defaultScopesFor(agency.kind).includes('agreements:write')) return null;
  const message = `${context.agencyCode} may not write MOUs: only agencies holding agreements:write do`;
  return { inserted: 0, skipped: 0, errors: lines.map((line) => ({ line, message })) };
}

/** The region a row names by regionCode (IR-10-12) or regionId. */
export function regionIdOf(row: Row): string {
  const code = optionalText(row, 'regionCode');
  const id = optionalText(row, 'regionId');
  if (code === undefined) {
    if (id === undefined) throw badUserInput('regionCode', 'is required (or regionId)');
    return id;
  }
  const region = referenceRegions().find((candidate) => candidate.code === code);
  if (!region) throw badUserInput('regionCode', 'is not a known region code, such as IR-10');
  if (id !== undefined && id !== region.id) throw badUserInput('regionCode', 'names another region than regionId');
  return region.id;
}

/** The MOU a row names by its code, read now (the write reads it again, locked, in its transaction). */
export async function agreementIdOf(context: AgreementsContext, row: Row): Promise<string> {
  const code = optionalText(row, 'agreementCode');
  if (code === undefined) throw badUserInput('agreementCode', 'is required');
  const [agreement] = await context.stores.agreements.findByCodes([code]);
  if (!agreement) throw badUserInput('agreementCode', 'is not a known MOU code');
  return agreement.id;
}

/** A list cell: `TRAFFIC|ADDICTION` (or separated by commas, semicolons, spaces) in CSV, an array in JSON Lines. */
export function listOf(row: Row, column: string): string[] {
  const value = row[column];
  if (Array.isArray(value)) return value.map(String);
  const text = optionalText(row, column);
  return text === undefined ? [] : text.split(/[|,;\s]+/).filter((item) => item !== '');
}

/** A calendar date cell, YYYY-MM-DD and a real day (the API's Date scalar checks this for the mutations). */
export function dateOf(row: Row, column: string): string {
  const text = optionalText(row, column);
  if (text === undefined) throw badUserInput(column, 'is required');
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) throw badUserInput(column, 'must be a date YYYY-MM-DD');
  return text;
}
