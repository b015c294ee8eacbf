import { Readable } from 'node:stream';
import { QueryFailedError } from 'typeorm';

/**
 * Data for `LOAD DATA LOCAL INFILE` (MySQL/MariaDB bulk writes) handed to the
 * driver from memory: a writer registers the rows' text under a fresh name,
 * names it in the statement, and the driver's stream factory gives exactly
 * that text when the server asks for the name, once. Nothing is ever read
 * from the disk, whatever name a server asks for: an unknown name gets an
 * empty file (so the statement loads nothing, which its caller then sees).
 */
const pending = new Map<string, string | Buffer>();
let sequence = 0;

/** Registers `data` for the next LOAD DATA statement naming the returned name. */
export function localInfileData(data: string | Buffer): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  const name = `safety-graph-bulk-${process.pid}-${sequence}.tsv`;
  pending.set(name, data);
  return name;
}

/** Forgets data a statement did not ask for (it failed before). */
export function forgetLocalInfile(name: string): void {
  pending.delete(name);
}

/** mysql2's `infileStreamFactory`: the registered data of `name`, or nothing. */
export function localInfileStream(name: string): Readable {
  const data = pending.get(name);
  pending.delete(name);
  return Readable.from(data === undefined ? [] : [typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}

/**
 * A value as a field of LOAD DATA's default text format (tab-separated,
 * backslash escapes, `\N` for NULL), as mysql2 would have written it in an
 * INSERT: dates as UTC `YYYY-MM-DD HH:MM:SS.mmm` (the stores' `timezone: 'Z'`),
 * booleans 1 or 0.
 */
export function infileField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r\0]/.test(text) ? text.replace(/[\\\t\n\r\0]/g, (character) => INFILE_ESCAPES[character]) : text;
}

const INFILE_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };

/**
 * With LOCAL the server cannot stop the client's transfer, so it turns what
 * would refuse an INSERT (a duplicate key, a value that does not fit) into
 * skipped rows and warnings. A bulk write that must be all or nothing checks
 * the count it got: fewer rows than sent, or any warning, throws, so that the
 * transaction rolls back. Fewer rows means a key already taken (another
 * writer committed first), reported as the duplicate key error an INSERT
 * would have given, which importers retry.
 */
export function checkLoaded(statement: string, result: unknown, expected: number): void {
  const { affectedRows, warningStatus } = (result ?? {}) as { affectedRows?: number; warningStatus?: number };
  if (affectedRows === expected && !warningStatus) return;
  const duplicate = affectedRows !== undefined && affectedRows < expected;
  const driverError = Object.assign(
    new Error(
      duplicate ? `LOAD DATA skipped ${expected - affectedRows} of ${expected} rows (a key already there)` : `LOAD DATA gave ${warningStatus ?? 0} warnings`,
    ),
    { code: duplicate ? 'ER_DUP_ENTRY' : 'ER_LOAD_DATA_WARNINGS' },
  );
  throw new QueryFailedError(statement, [], driverError);
}

/**
 * Error numbers of a server that refuses `LOAD DATA LOCAL` (local_infile
 * OFF, MySQL 8's default): MySQL's and MariaDB's "command not allowed"
 * (1148), MySQL 8's "loading local data is disabled" (3948) and MariaDB's
 * "capability disabled" (4166).
 */
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 4166]);

/** Whether `error` is a server's refusal of LOAD DATA LOCAL (the writer then falls back to INSERTs). */
export function isLocalInfileRefused(error: unknown): boolean {
  const driverError = (error as { driverError?: { errno?: number } } | undefined)?.driverError ?? (error as { errno?: number } | undefined);
  return driverError?.errno !== undefined && LOCAL_INFILE_REFUSED.has(driverError.errno);
}
