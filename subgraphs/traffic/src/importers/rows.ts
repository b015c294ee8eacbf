import type { EntityManager } from 'typeorm';
import {
  agencyId,
  badUserInput,
  columnNamed,
  DateTimeScalar,
  defaultScopesFor,
  externalIdOf,
  importBatch,
  importedId,
  type ImportContext,
  type ImportResult,
  referenceAgencies,
  referenceRegion,
} from '@safety-graph/shared';
import { createStores, type Stores } from '../store';

// What traffic's importers share on top of the shared import engine: reading
// instants and counties from cells, and the traffic:write rule for the agency.

/**
 * The agencies that may record traffic are those whose kind holds
 * traffic:write (police, municipalities, roads), as the mutations demand of a
 * caller; an export is theirs, so the same goes for importing it.
 */
function mayWriteTraffic(agencyCode: string): boolean {
  const agency = referenceAgencies().find((candidate) => candidate.code === agencyCode);
  return agency !== undefined && defaultScopesFor(agency.kind).includes('traffic:write');
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
  const region = referenceRegion(code);
  const county = region?.kind === 'COUNTY' ? region : undefined;
  if (!county) throw badUserInput('input.regionCode', 'must be the code of a county, such as IR-10-12');
  if (id !== undefined && id !== county.id) throw badUserInput('input.regionCode', 'names another county than regionId');
  return county.id;
}

/** What differs between the kinds traffic imports; ids, errors, idempotency and transactions are the shared engine's. */
export interface TrafficImport<T> {
  /** `crashes` or `violations`: part of the records' stable ids, so never to be renamed. */
  kind: string;
  /** What the agency does by importing, for the refusal of an agency that may not (`report crashes`). */
  action: string;
  /** Checks a row like the mutation checks its input (BAD_USER_INPUT errors name the column as `input.<column>`). */
  validate(row: Record<string, unknown>): T;
  /** Which of these ids (the keys importedId derives; for crashes their import keys) are there. */
  existingIds(stores: Stores, manager: EntityManager, ids: string[]): Promise<Set<string>>;
  write(stores: Stores, manager: EntityManager, rows: { id: string; record: T }[], recorderId: string): Promise<void>;
  /** The write of `write` made ready ahead of the transaction, reading nothing; it then writes the rows of the ids it is given. */
  prepare?(stores: Stores, rows: { id: string; record: T }[], recorderId: string): Promise<(manager: EntityManager, ids: ReadonlySet<string>) => Promise<void>>;
  /** A correction of a record already there, as the amend mutation writes it; false when the row is identical to it. */
  update?(stores: Stores, manager: EntityManager, id: string, record: T, recorderId: string): Promise<boolean>;
  /** `--dry-run`: the ids of these records already there that the rows differ from (would be updated), read only. */
  differing?(stores: Stores, manager: EntityManager, rows: { id: string; record: T }[]): Promise<string[]>;
  /** Corrections of many records at once (one read for the batch); the number updated. */
  updateMany?(stores: Stores, manager: EntityManager, rows: { id: string; record: T }[], recorderId: string): Promise<number>;
}

/**
 * One batch of a traffic kind through the shared engine, in one transaction
 * (bulk inserts: all of the batch or none, never half a crash); every row of
 * an agency without traffic:write is refused.
 */
export function importTraffic<T>(kind: TrafficImport<T>, rows: Record<string, unknown>[], lines: number[], context: ImportContext): Promise<ImportResult> {
  if (!mayWriteTraffic(context.agencyCode)) {
    const message = `${context.agencyCode} may not ${kind.action}: only agencies holding traffic:write record traffic`;
    return Promise.resolve({ inserted: 0, skipped: 0, errors: lines.map((line) => ({ line, message })) });
  }
  const stores = createStores(context.store.dataSource);
  const recorderId = agencyId(context.agencyCode);
  return importBatch(rows, lines, context, {
    transaction: 'batch',
    // Ids are derived and rows validated without the store: checked while the batch before is written.
    checksReadNothing: true,
    // Every kind inserts under a unique id or import key: a record already there fails the write as a duplicate key.
    duplicatesRefused: true,
    idOf: (row) => importedId(`import:traffic:${kind.kind}`, context, externalIdOf(row)),
    existingIds: (ids, manager) => kind.existingIds(stores, manager ?? context.store.dataSource.manager, ids),
    check: async (row) => kind.validate(row),
    writeMany: (manager, checked) =>
      kind.write(
        stores,
        manager,
        checked.map(({ id, checked: record }) => ({ id, record })),
        recorderId,
      ),
    prepareMany:
      kind.prepare &&
      ((rows) =>
        kind.prepare!(
          stores,
          rows.map(({ id, checked: record }) => ({ id, record })),
          recorderId,
        )),
    update: kind.update && ((manager, id, record) => kind.update!(stores, manager, id, record, recorderId)),
    updateMany:
      kind.updateMany &&
      ((manager, rows) =>
        kind.updateMany!(
          stores,
          manager,
          rows.map(({ id, checked: record }) => ({ id, record })),
          recorderId,
        )),
    differing:
      kind.differing &&
      (async (rows) =>
        new Set(
          await kind.differing!(
            stores,
            context.store.dataSource.manager,
            rows.map(({ id, checked: record }) => ({ id, record })),
          ),
        )),
    columnOf: (argument) => columnNamed(argument),
  });
}
