import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../db/constraint';
import { badUserInput, ErrorCode } from '../errors';
import { stableId } from '../ids';
import { createLogger } from '../logger';
import type { ImportContext, ImportResult, ImportRowError } from './importer';
import type { SubgraphContext } from './subgraph';

// Helpers every subgraph's importers share: reading cells, and the batch driver that turns
// mutation errors into numbered row errors.

export const EXTERNAL_ID_MAX_LENGTH = 100;

type Row = Record<string, unknown>;

/** A row's value: CSV gives trimmed strings, JSON Lines may give numbers and booleans; empty counts as absent. */
function cell(row: Row, column: string): unknown {
  const value = row[column];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value;
}

export function optionalText(row: Row, column: string): string | undefined {
  const value = cell(row, column);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw badUserInput(column, 'must be text');
  return value;
}

export function requiredText(row: Row, column: string): string {
  const value = optionalText(row, column);
  if (value === undefined) throw badUserInput(column, 'is required');
  return value;
}

/** `true` or `false` (any case in CSV). */
export function requiredBoolean(row: Row, column: string): boolean {
  const value = cell(row, column);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase())) return value.toLowerCase() === 'true';
  throw badUserInput(column, value === undefined ? 'is required' : 'must be true or false');
}

/** A whole number written in digits; its range is the mutation's to check. */
export function requiredInteger(row: Row, column: string): number {
  const value = cell(row, column);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  throw badUserInput(column, value === undefined ? 'is required' : 'must be a whole number');
}

/** The agency's own id of the record: 1 to 100 printable characters. */
export function externalIdOf(row: Row): string {
  const externalId = requiredText(row, 'externalId');
  if ([...externalId].length > EXTERNAL_ID_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(externalId)) {
    throw badUserInput('externalId', `must be 1 to ${EXTERNAL_ID_MAX_LENGTH} printable characters`);
  }
  return externalId;
}

/** `--source` names: letters, digits, `.`, `_` and `-`, 1 to 40 of them. */
export const IMPORT_SOURCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * The id of an imported record: derived from the kind, the agency, the source
 * system and the agency's own id, so that importing again finds the same
 * record. Without a source the derivation is the one earlier imports used. With
 * one, `@source` follows the agency code (codes never hold `@`), so no pair of
 * external ids of two sources can give the same id.
 */
export function importedId(namespace: string, context: Pick<ImportContext, 'agencyCode' | 'source'>, externalId: string): string {
  return stableId(namespace, `${context.agencyCode}${context.source ? `@${context.source}` : ''}:${externalId}`);
}

/**
 * The request an import runs as: the importing agency, holding only the
 * write scope, so that the mutations' ownership rules apply to its rows as
 * they would to its API calls.
 */
export function importRequest(context: ImportContext, subgraph: string, writeScope: string): SubgraphContext {
  return {
    requestId: `import-${randomUUID()}`,
    caller: { subject: `import@${context.agencyCode}`, agencyCode: context.agencyCode, scopes: new Set([writeScope]) },
    logger: createLogger(`${subgraph}-import`, context.config.logLevel),
    store: context.store,
    config: context.config,
    pseudonymize: (nationalId, argument) => context.pseudonymize(nationalId, argument),
  };
}

/** Rows checked between two turns of the event loop while the batch before is written. */
const EARLY_CHUNK = 500;

const ROW_ERROR_CODES: readonly unknown[] = [ErrorCode.BAD_USER_INPUT, ErrorCode.FORBIDDEN, ErrorCode.CONFLICT];

export interface RowImport<Checked> {
  /** The record's id, derived from the row's externalId (importedId); a kind whose records get other ids (crashes) keeps it beside them as their key, and all ids below are such keys. */
  idOf(row: Row): string;
  /** Which of these ids are already there (read in the batch's transaction when one is given). */
  existingIds(ids: string[], manager?: EntityManager): Promise<Set<string>>;
  /** The mutation's checks before its transaction; runs for all rows of a batch at once, so that lookups are batched. */
  check(row: Row, id: string): Promise<Checked>;
  /** The mutation's write of one row (in `row` mode, in the row's own transaction). */
  write?(manager: EntityManager, id: string, checked: Checked): Promise<void>;
  /** The mutation's write of many rows at once (`batch` mode: all of them or none), for bulk inserts. */
  writeMany?(manager: EntityManager, rows: { id: string; checked: Checked }[]): Promise<void>;
  /**
   * `batch` mode: the batch's checked rows made ready to write (their rows
   * built, the statements' data written out) before its transaction, reading
   * nothing, so that this runs while the batch before is written; what it
   * returns then writes those of the rows whose ids it is given (the rows not
   * there yet), as writeMany would.
   */
  prepareMany?(
    rows: { id: string; checked: Checked }[],
  ): Promise<(manager: EntityManager, ids: ReadonlySet<string>) => Promise<void>> | ((manager: EntityManager, ids: ReadonlySet<string>) => Promise<void>);
  /**
   * `row` (the default): one transaction per row, so a row the database
   * refuses (CONFLICT, a constraint) is refused alone. `batch`: the batch's
   * checked rows in one transaction, for throughput; a failure that is no
   * row's fault leaves nothing of the batch behind.
   */
  transaction?: 'row' | 'batch';
  /**
   * `idOf` and `check` read nothing from the store (pure functions of the
   * row): in `batch` mode they then run before the batch before this one is
   * written (`ImportContext.after`).
   */
  checksReadNothing?: boolean;
  /**
   * `batch` mode: writeMany (or prepareMany's write) fails with a duplicate
   * key error when a record is already there (a unique key on the id), so a
   * batch likely all new (`ImportContext.likelyNew`) may be written without
   * first reading which records are there; when it fails so, the batch is
   * rolled back and written again after reading them.
   */
  duplicatesRefused?: boolean;
  /**
   * A row whose record is already there: compared with it and, when it
   * differs, written through the amend mutation's rules (true: updated; false:
   * identical, unchanged). Without it such a row is skipped uncompared.
   */
  update?(manager: EntityManager, id: string, checked: Checked): Promise<boolean>;
  /**
   * `batch` mode: the rows of a batch whose records are already there, compared
   * and corrected at once (one read for all of them); the number updated.
   * Without it `update` runs once per row.
   */
  updateMany?(manager: EntityManager, rows: { id: string; checked: Checked }[]): Promise<number>;
  /**
   * `--dry-run`: of these rows whose records are already there, the ids of
   * those that differ from them (a real run would update them), read without
   * writing. Without it such rows are counted unchanged, uncompared.
   */
  differing?(rows: { id: string; checked: Checked }[]): Promise<Set<string>>;
  /**
   * The column to blame for an error: the mutation names `input.<argument>`,
   * which is mostly the column of the same name; FORBIDDEN and CONFLICT name
   * no argument and get `undefined` here.
   */
  columnOf(argument: string | undefined, row: Row): string | undefined;
}

/**
 * One batch: rows already there are skipped, the others checked and written
 * one transaction each, so a refused row writes nothing and never stops the
 * others. A failure that is not the row's fault (the database gone) ends the import.
 */
export async function importBatch<Checked>(rows: Row[], lines: number[], context: ImportContext, spec: RowImport<Checked>): Promise<ImportResult> {
  const result: ImportResult = { inserted: 0, skipped: 0, errors: [] };
  const refuse = (index: number, error: unknown) => {
    if (!(error instanceof GraphQLError) || !ROW_ERROR_CODES.includes(error.extensions?.code)) throw error;
    result.errors.push(rowError(lines[index], error, spec.columnOf(argumentOf(error), rows[index])));
  };

  // A batch written at once with corrections checks every row anyway: which records are there is read once, in its transaction.
  const compared = spec.update !== undefined || spec.updateMany !== undefined;
  // Checks that read nothing (and no read of which records are there) run while the batch before is written; everything else waits for it.
  const early = spec.transaction === 'batch' && compared && spec.checksReadNothing === true && !context.dryRun;
  if (!early) await context.after;
  const ids: (string | null)[] = rows.map((row, index) => {
    try {
      return spec.idOf(row);
    } catch (error) {
      refuse(index, error);
      return null;
    }
  });
  const taken =
    spec.transaction === 'batch' && compared && !context.dryRun
      ? new Set<string>()
      : await spec.existingIds([...new Set(ids.filter((id): id is string => id !== null))]);
  const checking: Promise<Checked | null>[] = [];
  for (let index = 0; index < rows.length; index += 1) {
    // Checked while the batch before is written: the event loop is let go every few hundred rows, so that write's statements go out in time.
    if (early && index > 0 && index % EARLY_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    const row = rows[index];
    const id = ids[index];
    // Async, so that a check throwing at once refuses its row like one that throws later.
    checking.push(id === null || (taken.has(id) && !spec.update && !spec.updateMany) ? Promise.resolve(null) : (async () => spec.check(row, id))());
  }
  const checks = await Promise.allSettled(checking);

  if (context.dryRun) {
    await dryRun(checks, ids, taken, spec, refuse, result);
    result.errors.sort((first, second) => first.line - second.line);
    return result;
  }
  if (spec.transaction === 'batch') {
    await writeBatch(checks, ids, taken, context, spec, refuse, result, early ? context.after : undefined);
    result.errors.sort((first, second) => first.line - second.line);
    return result;
  }
  const write = spec.write ?? ((manager: EntityManager, id: string, checked: Checked) => spec.writeMany!(manager, [{ id, checked }]));
  for (const [index, check] of checks.entries()) {
    const id = ids[index];
    if (id === null) continue;
    // Already there, or written by an earlier row of this batch with the same externalId.
    if (taken.has(id) && !spec.update) {
      result.skipped += 1;
      continue;
    }
    if (check.status === 'rejected') {
      refuse(index, check.reason);
      continue;
    }
    if (taken.has(id)) {
      try {
        const changed = await context.store.transaction((manager) => spec.update!(manager, id, check.value as Checked));
        count(result, changed);
      } catch (error) {
        refuse(index, error);
      }
      continue;
    }
    try {
      await context.store.transaction((manager) => write(manager, id, check.value as Checked));
      result.inserted += 1;
      taken.add(id);
    } catch (error) {
      // Another import of the same record committed first.
      if (isDuplicateKeyError(error)) {
        result.skipped += 1;
        taken.add(id);
      } else refuse(index, error);
    }
  }
  result.errors.sort((first, second) => first.line - second.line);
  return result;
}

/**
 * `--dry-run`: what a real run would do, nothing written: rows the checks
 * refuse are refused, new records inserted, records already there compared
 * with the row (`differing`, read-only) and counted updated or unchanged.
 */
async function dryRun<Checked>(
  checks: PromiseSettledResult<Checked | null>[],
  ids: (string | null)[],
  taken: Set<string>,
  spec: RowImport<Checked>,
  refuse: (index: number, error: unknown) => void,
  result: ImportResult,
): Promise<void> {
  const seen = new Set<string>();
  const existing: { id: string; checked: Checked }[] = [];
  for (const [index, check] of checks.entries()) {
    const id = ids[index];
    if (id === null) continue;
    if (seen.has(id)) result.skipped += 1;
    else if (taken.has(id) && !spec.update && !spec.updateMany) {
      seen.add(id);
      result.skipped += 1;
    } else if (check.status === 'rejected') refuse(index, check.reason);
    else {
      seen.add(id);
      if (taken.has(id)) existing.push({ id, checked: check.value as Checked });
      else result.inserted += 1;
    }
  }
  if (existing.length === 0) return;
  const differing = spec.differing ? await spec.differing(existing) : new Set<string>();
  if (differing.size > 0) result.updated = (result.updated ?? 0) + differing.size;
  result.skipped += existing.length - differing.size;
}

/**
 * `batch` mode: the rows that passed their checks (the first of an external id
 * given twice) written in one transaction; when another import committed some
 * of them first, the batch rolled back and is written again without them.
 */
async function writeBatch<Checked>(
  checks: PromiseSettledResult<Checked | null>[],
  ids: (string | null)[],
  taken: Set<string>,
  context: ImportContext,
  spec: RowImport<Checked>,
  refuse: (index: number, error: unknown) => void,
  result: ImportResult,
  after?: Promise<unknown>,
): Promise<void> {
  const pending = new Map<string, Checked>();
  for (const [index, check] of checks.entries()) {
    const id = ids[index];
    if (id === null) continue;
    if ((taken.has(id) && !spec.update && !spec.updateMany) || pending.has(id)) result.skipped += 1;
    else if (check.status === 'rejected') refuse(index, check.reason);
    else pending.set(id, check.value as Checked);
  }
  // Prepared (reading nothing) before the batch before is written (`after`); written once it is.
  if (after) await new Promise((resolve) => setImmediate(resolve));
  const prepared = pending.size > 0 && spec.prepareMany ? await spec.prepareMany([...pending].map(([id, checked]) => ({ id, checked }))) : undefined;
  await after;
  if (pending.size === 0) return;
  const writeMany =
    spec.writeMany ??
    (async (manager: EntityManager, rows: { id: string; checked: Checked }[]) => {
      for (const row of rows) await spec.write!(manager, row.id, row.checked);
    });
  const writeMissing = (assumeNew: boolean) =>
    context.store.transaction(async (manager) => {
      const existing = assumeNew ? new Set<string>() : await spec.existingIds([...pending.keys()], manager);
      const missing = [...pending].filter(([id]) => !existing.has(id)).map(([id, checked]) => ({ id, checked }));
      if (missing.length > 0) {
        if (prepared) await prepared(manager, new Set(missing.map(({ id }) => id)));
        else await writeMany(manager, missing);
      }
      let updated = 0;
      if (spec.updateMany)
        updated = await spec.updateMany(
          manager,
          [...existing].map((id) => ({ id, checked: pending.get(id)! })),
        );
      else if (spec.update) {
        for (const id of existing) if (await spec.update(manager, id, pending.get(id)!)) updated += 1;
      }
      return { inserted: missing.length, skipped: existing.size - updated, updated };
    });
  // Likely all new (and a record already there refuses the write): written without reading which are there first.
  const optimistic = spec.duplicatesRefused === true && context.likelyNew?.() === true;
  let written: { inserted: number; skipped: number; updated: number } | undefined;
  for (let attempt = optimistic ? 0 : 1; written === undefined; attempt += 1) {
    try {
      written = await writeMissing(attempt === 0);
    } catch (error) {
      // Some records were there (or another import committed them first): written again after reading which, once more at most.
      if (!isDuplicateKeyError(error) || attempt >= 2) throw error;
    }
  }
  result.inserted += written.inserted;
  result.skipped += written.skipped;
  if (written.updated > 0) result.updated = (result.updated ?? 0) + written.updated;
}

function count(result: ImportResult, changed: boolean): void {
  if (changed) result.updated = (result.updated ?? 0) + 1;
  else result.skipped += 1;
}

function argumentOf(error: GraphQLError): string | undefined {
  const name = error.extensions?.argumentName;
  return typeof name === 'string' ? name : undefined;
}

function rowError(line: number, error: GraphQLError, column: string | undefined): ImportRowError {
  const argument = argumentOf(error);
  // The mutation's message starts with its own argument name; the row's error names the column instead.
  const message = argument && error.message.startsWith(`${argument}: `) ? error.message.slice(argument.length + 2) : error.message;
  return column === undefined ? { line, message } : { line, argument: column, message };
}

/** `input.heldOn` -> `heldOn`. */
export function columnNamed(argument: string | undefined): string | undefined {
  return argument?.replace(/^input\./, '');
}
