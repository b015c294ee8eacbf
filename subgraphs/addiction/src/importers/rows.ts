import { badUserInput, optionalText, referenceAgencies, referenceRegions } from '@safety-graph/shared';

// What addiction's importers share on top of the shared import engine: naming a
// programme, a county or an agency by its code or by its id.

export type Row = Record<string, unknown>;

/** Of two columns naming the same thing (`programId` / `programCode`), the one the row used. */
export function usedColumn(row: Row, idColumn: string, codeColumn: string): string {
  return optionalText(row, idColumn) !== undefined && optionalText(row, codeColumn) === undefined ? idColumn : codeColumn;
}

export function eitherOf(row: Row, idColumn: string, codeColumn: string): { id: string } | { code: string } {
  const id = optionalText(row, idColumn);
  const code = optionalText(row, codeColumn);
  if (id !== undefined && code !== undefined) throw badUserInput(codeColumn, `give ${codeColumn} or ${idColumn}, not both`);
  if (code !== undefined) return { code };
  if (id !== undefined) return { id };
  throw badUserInput(codeColumn, `is required (or ${idColumn})`);
}

/** The region a row names by code (IR-10-12) or id; the mutation's check then says whether it may be used. */
export function regionIdOf(row: Row): string {
  const given = eitherOf(row, 'regionId', 'regionCode');
  if ('id' in given) return given.id;
  const region = referenceRegions().find((candidate) => candidate.code === given.code);
  if (!region) throw badUserInput('regionCode', 'is not a known region');
  return region.id;
}

/** The agency a row names by code (HEALTH-IR-10-12) or id. */
export function agencyIdOf(row: Row, idColumn: string, codeColumn: string): string {
  const given = eitherOf(row, idColumn, codeColumn);
  if ('id' in given) return given.id;
  const agency = referenceAgencies().find((candidate) => candidate.code === given.code);
  if (!agency) throw badUserInput(codeColumn, 'is not a known agency code');
  return agency.id;
}
