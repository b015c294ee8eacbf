import type { EntityManager } from 'typeorm';
import {
  isDuplicateKeyError,
  agencyId,
  badUserInput,
  DateTimeScalar,
  defaultScopesFor,
  ErrorCode,
  referenceAgencies,
  referenceRegions,
  requireText,
  stableId,
  type ImportContext,
  type ImportResult,
  type ImportRowError,
} from '@safety-graph/shared';
import { createStores, type Stores } from '../store';

/** The longest external id an agency's system may give a record. */
const MAX_EXTERNAL_ID = 100;

/** A row that passed validation, with the id it gets and the line it came from. */
export interface ValidRow<T> {
  id: string;
  line: number;
  record: T;
}

/** What differs between the kinds traffic imports; the rest (ids, errors, idempotency, transactions) is `importBatch`'s. */
export interface ImportKind<T> {
  /** `crashes` or `violations`: part of the records' stable ids, so never to be renamed. */
  kind: string;
  /** What the agency does by importing, for the refusal of an agency that may not (`report crashes`). */
  action: string;
  /** Checks a row like the mutation checks its input (BAD_USER_INPUT errors name the column as `input.<column>`). */
  validate(row: Record<string, unknown>): T;
  existingIds(stores: Stores, manager: EntityManager, ids: string[]): Promise<string[]>;
  write(stores: Stores, manager: EntityManager, rows: ValidRow<T>[], recorderId: string): Promise<void>;
}

/**
 * The agencies that may record traffic are those whose kind holds
 * traffic:write (police, municipalities, roads), as the mutations demand of a
 * caller; an export is theirs, so the same goes for importing it.
 */
function mayWriteTraffic(agencyCode: string): boolean {
  const agency = referenceAgencies().find((candidate) => candidate.code === agencyCode);
  return agency !== undefined && defaultScopesFor(agency.kind).includes('traffic:write');
}

/**
 * A row's problem as the import reports it: the argument named by its column
 * (`input.persons[0].role` becomes `persons[0].role`), the message without the
 * argument it starts with. Anything but BAD_USER_INPUT is no row's fault.
 */
function rowError(line: number, error: unknown): ImportRowError {
  const extensions = (error as { extensions?: { code?: unknown; argumentName?: unknown } } | null)?.extensions;
  if (extensions?.code !== ErrorCode.BAD_USER_INPUT) throw error;
  const argumentName = typeof extensions.argumentName === 'string' ? extensions.argumentName : undefined;
  const message = (error as Error).message;
  return {
    line,
    argument: argumentName?.replace(/^input\./, ''),
    message: argumentName && message.startsWith(`${argumentName}: `) ? message.slice(argumentName.length + 2) : message,
  };
}

/** A CSV cell or JSON value as text: empty cells and JSON nulls are absent. */
export function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value.trim();
}

/** An ISO instant with an offset, read exactly as the API's DateTime reads one; null when it is none (the mutation's check then names it). */
export function instantOf(value: unknown): Date | null {
  const text = textOf(value);
  if (text === undefined || typeof value !== 'string') return null;
  try {
    const parsed: unknown = DateTimeScalar.parseValue(text);
    return parsed instanceof Date ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The county of a row, as `regionId` (the API's) or `regionCode` (such as
 * IR-10-12, what agency systems keep); both may be given if they agree. The
 * id is then checked as the mutation checks it.
 */
export function regionIdOf(row: Record<string, unknown>): string | undefined {
  const id = textOf(row.regionId);
  const code = textOf(row.regionCode);
  if (code === undefined) {
    if (id === undefined) throw badUserInput('input.regionId', 'give the county as regionId or regionCode');
    return id;
  }
  const county = referenceRegions().find((region) => region.code === code && region.kind === 'COUNTY');
  if (!county) throw badUserInput('input.regionCode', 'must be the code of a county, such as IR-10-12');
  if (id !== undefined && id !== county.id) throw badUserInput('input.regionCode', 'names another county than regionId');
  return county.id;
}

/**
 * Imports one batch of rows of a kind: each row validated like the mutation
 * (a bad one reported with its line and not written), its id derived from
 * the agency and its external id, the valid rows not already there written
 * in one transaction (all of them or none, never half a crash).
 */
export async function importBatch<T>(
  kind: ImportKind<T>,
  rows: Record<string, unknown>[],
  lines: number[],
  context: ImportContext,
): Promise<ImportResult> {
  const result: ImportResult = { inserted: 0, skipped: 0, errors: [] };
  if (!mayWriteTraffic(context.agencyCode)) {
    result.errors = lines.map((line) => ({ line, message: `${context.agencyCode} may not ${kind.action}: only agencies holding traffic:write record traffic` }));
    return result;
  }
  const valid = new Map<string, ValidRow<T>>();
  rows.forEach((row, index) => {
    const line = lines[index];
    try {
      const externalId = requireText('externalId', textOf(row.externalId), MAX_EXTERNAL_ID);
      const record = kind.validate(row);
      const id = stableId(`import:traffic:${kind.kind}`, `${context.agencyCode}:${externalId}`);
      // The same external id twice in a file is the same record: the first line counts.
      if (valid.has(id)) result.skipped += 1;
      else valid.set(id, { id, line, record });
    } catch (error) {
      result.errors.push(rowError(line, error));
    }
  });
  if (valid.size === 0) return result;

  const stores = createStores(context.store.dataSource);
  const recorderId = agencyId(context.agencyCode);
  const writeMissing = () =>
    context.store.transaction(async (manager) => {
      const existing = new Set(await kind.existingIds(stores, manager, [...valid.keys()]));
      const missing = [...valid.values()].filter((row) => !existing.has(row.id));
      await kind.write(stores, manager, missing, recorderId);
      return { inserted: missing.length, skipped: existing.size };
    });
  let written: { inserted: number; skipped: number };
  try {
    written = await writeMissing();
  } catch (error) {
    // Another import of the same records committed first: the batch rolled back; again, they are found already there.
    if (!isDuplicateKeyError(error)) throw error;
    written = await writeMissing();
  }
  result.inserted += written.inserted;
  result.skipped += written.skipped;
  return result;
}
